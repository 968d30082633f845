// heap-target is the program the heap benchmarks debug: OBJECTS reachable heap objects of a few
// kinds (tree nodes behind a global slice, map entries, byte buffers) and GOROUTINES parked
// goroutines, each holding one node in a local and blocked on a channel only it references (so
// every one of them is leaked); then runtime.GC and a stop in main.ready.
//
//	heap-target [OBJECTS [GOROUTINES]]   (defaults 1000000 and 0)
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

type node struct {
	left, right *node
	value       int64
	label       string
}

type entry struct {
	key  int
	data []byte
}

var (
	roots   []*node
	entries = map[int]*entry{}
	parked  sync.WaitGroup
	ms      runtime.MemStats
)

// grow adds a complete binary tree of n nodes.
func grow(n int) *node {
	if n <= 0 {
		return nil
	}
	left := (n - 1) / 2
	return &node{left: grow(left), right: grow(n - 1 - left), value: int64(n)}
}

func park(held *node) {
	wait := make(chan struct{})
	parked.Done()
	<-wait
	runtime.KeepAlive(held)
}

//go:noinline
func ready(objects, goroutines int) int { return objects + goroutines }

func main() {
	objects, goroutines := 1000000, 0
	if len(os.Args) > 1 {
		objects, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		goroutines, _ = strconv.Atoi(os.Args[2])
	}
	// Half the objects are tree nodes in trees of 1,000; a quarter map entries, a quarter their buffers.
	trees := objects / 2 / 1000
	for i := 0; i < trees; i++ {
		roots = append(roots, grow(1000))
	}
	for i := 0; i < objects/4; i++ {
		entries[i] = &entry{key: i, data: make([]byte, 16)}
	}
	parked.Add(goroutines)
	for i := 0; i < goroutines; i++ {
		go park(&node{value: int64(i)})
	}
	parked.Wait()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Println("heap-target: ready with", ms.HeapObjects, "heap objects and", goroutines, "parked goroutines")
	ready(objects, goroutines)
}
