// heapstats is the target of heap-stats' accuracy tests: it allocates a varied mix (tiny, small,
// large; some kept, some dropped), then stops twice. At stop(1) the mcaches still hold spans with
// allocations the global statistics have not counted yet; at stop(2) runtime.ReadMemStats has just
// filled ms, so every figure heap-stats derives must equal the program's own.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
)

type record struct {
	id    int
	name  string
	tags  []string
	score float64
}

var (
	ms      runtime.MemStats
	records []*record
	blobs   [][]byte
	tiny    []*int8
	lookup  map[string]int
	sink    []byte
)

// allocate builds a mix that touches many size classes, the tiny allocator and large objects.
func allocate(round int) {
	for i := 0; i < 300; i++ {
		r := &record{id: i, name: "r" + strconv.Itoa(i*round), score: float64(i) / 3}
		for j := 0; j < i%5; j++ {
			r.tags = append(r.tags, strconv.Itoa(j))
		}
		records = append(records, r)
	}
	for i := 0; i < 200; i++ {
		blobs = append(blobs, make([]byte, 8+(i*97)%5000))
	}
	for i := 0; i < 3; i++ {
		blobs = append(blobs, make([]byte, 40000+i*70000)) // large objects: their own spans
	}
	for i := 0; i < 500; i++ {
		v := int8(i)
		tiny = append(tiny, &v)
	}
	if lookup == nil {
		lookup = map[string]int{}
	}
	for i := 0; i < 400; i++ {
		lookup["k"+strconv.Itoa(i+round*1000)] = i
	}
	// Dropped garbage, so the next collection has something to free.
	for i := 0; i < 1000; i++ {
		sink = make([]byte, 16+i%700)
	}
}

//go:noinline
func stop(step int) int {
	return step + 1
}

func main() {
	// Collections only when asked for, so nothing changes the statistics behind the tests' back.
	debug.SetGCPercent(-1)
	allocate(1)
	records = records[:100]
	blobs = blobs[:50]
	runtime.GC() // sweeps everything before it returns
	allocate(2)
	runtime.GC()
	allocate(3) // stays in the mcaches, partly uncounted until they are flushed
	stop(1)
	runtime.ReadMemStats(&ms)
	stop(2)
	runtime.KeepAlive(records)
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		for {
			runtime.Gosched() // keeps running (no allocation) until the test halts it
		}
	}
}
