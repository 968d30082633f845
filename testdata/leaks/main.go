// leaks is the target of goroutine-leaks' tests: goroutines that can never run again, and some that
// look stuck but are not. Leaked (10):
//   - orphanedReceivers: 3 receive on a channel only they reference;
//   - deadlockedPair: 2 each send on a channel only the two of them reference;
//   - lockedOut: 2 wait for a mutex only they reference;
//   - waitForever: 1 waits on a WaitGroup only it references;
//   - condForever: 1 waits on a sync.Cond only it references;
//   - nilReceiver: 1 receives from a nil channel.
//
// Not leaked (4): 2 receive on a global channel, 1 sends on a channel main's frame holds, 1 sleeps.
// Built with GOEXPERIMENT=goroutineleakprofile (Go 1.26+), it also asks the runtime for its own
// verdict and keeps the profile in runtimeLeaks.
package main

import (
	"bytes"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	global       = make(chan int)
	nilch        chan int
	runtimeLeaks string
)

type request struct {
	id  int
	buf [64]byte
}

func receiveForever(ch chan *request) { <-ch }

func orphanedReceivers() {
	ch := make(chan *request)
	for i := 0; i < 3; i++ {
		go receiveForever(ch)
	}
}

func deadlockedPair() {
	a, b := make(chan int), make(chan int)
	go func() {
		a <- 1
		<-b
	}()
	go func() {
		b <- 1
		<-a
	}()
}

// resource keeps its mutex out of the tiny allocator (it has a pointer): a tiny block the allocator
// is still filling is a root, which would make a lone 8-byte mutex reachable by accident.
type resource struct {
	mu   sync.Mutex
	name *string
}

func lockedOut() {
	r := new(resource)
	r.mu.Lock()
	for i := 0; i < 2; i++ {
		go func() { r.mu.Lock() }()
	}
}

func waitForever() {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go func() { wg.Wait() }()
}

func condForever() {
	c := sync.NewCond(new(sync.Mutex))
	go func() {
		c.L.Lock()
		c.Wait()
		c.L.Unlock()
	}()
}

func nilReceiver() {
	go func() { <-nilch }()
}

func globalWaiters() {
	for i := 0; i < 2; i++ {
		go func() { <-global }()
	}
}

func heldByMain() chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func sleeper() {
	go func() { time.Sleep(time.Hour) }()
}

//go:noinline
func stop() {}

func main() {
	orphanedReceivers()
	deadlockedPair()
	lockedOut()
	waitForever()
	condForever()
	nilReceiver()
	globalWaiters()
	sleeper()
	held := heldByMain()
	waitUntilParked()
	if profile := pprof.Lookup("goroutineleak"); profile != nil {
		var text bytes.Buffer
		_ = profile.WriteTo(&text, 2)
		runtimeLeaks = text.String()
	}
	stop()
	runtime.KeepAlive(held)
}

// waitUntilParked returns once all 14 goroutines above are blocked, so the stop never races their
// start on a busy machine.
func waitUntilParked() {
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		dump := buf[:runtime.Stack(buf, true)]
		blocked := bytes.Count(dump, []byte("[chan receive")) + bytes.Count(dump, []byte("[chan send")) +
			bytes.Count(dump, []byte("[sync.Mutex.Lock")) + bytes.Count(dump, []byte("[semacquire")) +
			bytes.Count(dump, []byte("[sync.WaitGroup.Wait")) + bytes.Count(dump, []byte("[sync.Cond.Wait")) +
			bytes.Count(dump, []byte("[sleep"))
		if blocked == 14 {
			return
		}
	}
	panic("the goroutines did not all block in 30 s")
}
