// A tiny target for the plugin's tests: five goroutines that wait forever (a leak), then a stop.
package main

import (
	"fmt"
	"sync"
)

var (
	never   = make(chan struct{})
	started sync.WaitGroup
)

func worker(id int) {
	started.Done()
	<-never
	fmt.Println("worker", id, "released")
}

//go:noinline
func stop() {}

func main() {
	for i := 0; i < 5; i++ {
		started.Add(1)
		go worker(i)
	}
	started.Wait()
	stop()
	fmt.Println("done")
}
