// shapes has goroutines that look alike to a stack-shape cache but are not, for the goroutine
// listing's tests: within each group they park in the same runtime function at the same depth,
// started by the same go statement, yet their callers differ (viaA, viaB), or their pprof labels
// differ, or their depth does. main then stops in main.stop.
package main

import (
	"context"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	heldLength = 4
	block      = make(chan int)
	gate       sync.Mutex
	ready      sync.WaitGroup
)

// Each holds a heap object only its own frame reaches (a slice of a size the compiler cannot know),
// so the heap's stack roots name the frame: viaA's or viaB's.
//
//go:noinline
func viaA() int {
	held := make([]int64, heldLength)
	ready.Done()
	v := <-block
	runtime.KeepAlive(held)
	return v
}

//go:noinline
func viaB() int {
	held := make([]int64, heldLength)
	ready.Done()
	v := <-block
	runtime.KeepAlive(held)
	return v
}

// worker parks through viaA or viaB: the same start, go statement, pc and depth, but a different
// return address one frame up.
func worker(i int) {
	if i%2 == 0 {
		viaA()
	} else {
		viaB()
	}
}

//go:noinline
func deep(n int) int {
	if n == 0 {
		ready.Done()
		return <-block
	}
	return deep(n-1) + 1
}

func labeled() {
	ready.Done()
	<-block
}

func locker() {
	ready.Done()
	gate.Lock()
	gate.Unlock()
}

//go:noinline
func stop() {}

func spawn(n int, f func()) {
	ready.Add(n)
	for i := 0; i < n; i++ {
		go f()
	}
}

func main() {
	gate.Lock()
	ready.Add(20)
	for i := 0; i < 20; i++ {
		go worker(i)
	}
	// Three of one depth, two deeper than Delve's 30-frame search for the user frame, one between.
	for _, depth := range []int{3, 3, 3, 40, 40, 7} {
		ready.Add(1)
		go deep(depth)
	}
	// Children inherit their creator's labels: the same shape, two label sets.
	for _, who := range []string{"alpha", "beta"} {
		pprof.Do(context.Background(), pprof.Labels("who", who), func(context.Context) { spawn(5, labeled) })
	}
	spawn(3, locker)
	ready.Wait()
	time.Sleep(50 * time.Millisecond) // the lockers reach the mutex's semaphore
	stop()
	gate.Unlock()
}
