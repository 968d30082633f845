// runtimeviews is the target of memory-map's and sched-stats' tests. Right before each stop it
// records, in globals, what the runtime itself says (runtime.ReadMemStats, GOMAXPROCS,
// NumGoroutine, the number of threads, the GC count), so the tests can hold the commands' answers
// against the program's own figures. It also leaves addresses the memory map must classify: a heap
// object, an initialised global (data), a zeroed global (bss) and a local on a goroutine's stack.
//
// stop(1): 3 Ps, goroutines parked on a channel, a mutex and timers; the world quiescent.
// stop(2): 1 P and `spawned` goroutines created but not yet run, so they sit in the run queues
// (minus any that ran if the main goroutine was preempted in between: they count `started`).
// With the argument "crash" it panics after stop(1) with GOTRACEBACK=crash, so the kernel dumps core.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

const (
	parkedOnChannel = 25
	sleeping        = 5
	lockWaiters     = 3
	toSpawn         = 40
)

var (
	ms           runtime.MemStats
	gomaxprocs   int
	numGoroutine int
	numGC        uint32
	threads      int
	spawned      int
	started      int32

	heapObject   *[4096]byte
	initialised  = [4]int{1, 2, 3, 4}
	zeroed       [4096]byte
	stackAddress uintptr

	parked = make(chan int)
	gate   sync.Mutex
	kept   [][]byte
)

//go:noinline
func stop(step int) int {
	return step + 1
}

// onStack records the address of one of its own locals (a uintptr does not make it escape), then parks.
func onStack(ready *sync.WaitGroup) {
	var local [64]byte
	local[0] = 1
	stackAddress = uintptr(unsafe.Pointer(&local[0]))
	ready.Done()
	<-parked
	runtime.KeepAlive(&local)
}

// settle waits until the number of threads and goroutines stops changing, so the figures recorded
// next still hold at the stop that follows.
func settle() {
	last := -1
	for {
		time.Sleep(20 * time.Millisecond)
		now := pprof.Lookup("threadcreate").Count()*100000 + runtime.NumGoroutine()
		if now == last {
			return
		}
		last = now
	}
}

func main() {
	// Collections only when asked for, so nothing changes the figures between recording and stopping.
	debug.SetGCPercent(-1)
	runtime.GOMAXPROCS(3)
	for i := 0; i < 2000; i++ {
		kept = append(kept, make([]byte, 64+i%3000))
	}
	heapObject = new([4096]byte)
	heapObject[0] = byte(initialised[1])
	zeroed[1] = heapObject[0]
	runtime.GC()
	kept = kept[:500]
	runtime.GC()

	var ready sync.WaitGroup
	ready.Add(parkedOnChannel + sleeping + 1)
	for i := 0; i < parkedOnChannel; i++ {
		go func() { ready.Done(); <-parked }()
	}
	for i := 0; i < sleeping; i++ {
		go func() { ready.Done(); time.Sleep(time.Hour) }()
	}
	go onStack(&ready)
	gate.Lock()
	for i := 0; i < lockWaiters; i++ {
		go func() { gate.Lock(); gate.Unlock() }()
	}
	ready.Wait()
	settle()

	gomaxprocs = runtime.GOMAXPROCS(0)
	threads = pprof.Lookup("threadcreate").Count()
	numGoroutine = runtime.NumGoroutine()
	runtime.ReadMemStats(&ms)
	numGC = ms.NumGC
	stop(1)
	if len(os.Args) > 1 && os.Args[1] == "crash" {
		// For a core the kernel writes: the runtime aborts with SIGABRT after printing every goroutine.
		debug.SetTraceback("crash")
		panic("crashing on purpose, for a core dump")
	}

	runtime.GOMAXPROCS(1)
	for i := 0; i < toSpawn; i++ {
		go func() { atomic.AddInt32(&started, 1); <-parked }()
	}
	spawned = toSpawn
	numGoroutine = runtime.NumGoroutine()
	gomaxprocs = runtime.GOMAXPROCS(0)
	stop(2)

	runtime.KeepAlive(kept)
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		select {}
	}
}
