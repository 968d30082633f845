// channels is the target of chan-stats' tests: goroutines blocked on channels of known shapes.
//   - unbuffered: 3 senders wait, nobody receives;
//   - full: a buffer of 2 holds 2 values and 2 more senders wait;
//   - empty: a buffer of 4 holds nothing and 5 receivers wait;
//   - jobs: a buffer of 8 holds 3 *job values and nobody waits (not listed);
//   - a select waits to receive on left and to send on right;
//   - owner holds a channel in a local, and the goroutine it started waits to send on it.
package main

import (
	"bytes"
	"runtime"
	"time"
)

type job struct{ id int }

var (
	unbuffered = make(chan string)
	full       = make(chan int, 2)
	empty      = make(chan *job, 4)
	jobs       = make(chan *job, 8)
	left       = make(chan int)
	right      = make(chan bool)
)

func sender(id int)     { unbuffered <- "x" }
func fullSender(id int) { full <- id }
func receiver()         { <-empty }

func selector() {
	select {
	case <-left:
	case right <- true:
	}
}

func owner() {
	mine := make(chan float64)
	go func() { mine <- 1.5 }()
	time.Sleep(time.Hour)
	<-mine
}

//go:noinline
func stop() {}

func main() {
	full <- 1
	full <- 2
	for i := 0; i < 3; i++ {
		jobs <- &job{id: i}
	}
	for i := 0; i < 3; i++ {
		go sender(i)
	}
	for i := 0; i < 2; i++ {
		go fullSender(i)
	}
	for i := 0; i < 5; i++ {
		go receiver()
	}
	go selector()
	go owner()
	waitUntilParked()
	stop()
}

// waitUntilParked returns once every goroutine above is blocked where the test expects it, so the
// stop never races the goroutines' start on a busy machine.
func waitUntilParked() {
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		dump := buf[:runtime.Stack(buf, true)]
		if bytes.Count(dump, []byte("[chan send")) == 6 && bytes.Count(dump, []byte("[chan receive")) == 5 &&
			bytes.Count(dump, []byte("[select]")) == 1 && bytes.Count(dump, []byte("[sleep")) == 1 {
			return
		}
	}
	panic("the goroutines did not all block in 30 s")
}
