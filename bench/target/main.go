// target is the program the benchmarks debug: N parked goroutines (os.Args[1], default 100000)
// and one goroutine 50 frames deep, then a stop in main.ready.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

var (
	parked sync.WaitGroup
	block  = make(chan struct{})
)

//go:noinline
func deep(n int, done *sync.WaitGroup) int {
	if n == 0 {
		done.Done()
		<-block
		return 0
	}
	return deep(n-1, done) + 1
}

func park() {
	parked.Done()
	<-block
}

//go:noinline
func ready(n int) int {
	return n
}

func main() {
	n := 100000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	parked.Add(n + 1)
	for i := 0; i < n; i++ {
		go park()
	}
	go deep(48, &parked)
	parked.Wait()
	fmt.Println("target: ready with", n, "parked goroutines")
	ready(n)
	close(block)
}
