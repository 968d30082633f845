// heapstatstypes is the target of heap-stats' by-type and diff tests: it keeps exactly 1000 items
// (200 bytes each, size class 208) and 300 byte slices of 1000 bytes reachable from package
// variables, stops, adds 500 more items, and stops again. With the argument "many" it also keeps
// about 10^5 small objects reachable, for timing the walk.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

type item struct {
	id      int64
	name    string
	next    *item
	payload [21]int64
}

type node struct {
	value int64
	next  *node
}

type leaf struct {
	key   int64
	label string
}

var (
	items   []*item
	buffers [][]byte
	extra   []*item
	list    *node
	table   map[int64]*leaf
	leaves  []*leaf
)

//go:noinline
func stop(step int) int {
	return step + 1
}

func main() {
	debug.SetGCPercent(-1) // no collection between the stops: the diff sees only the program's allocations
	items = make([]*item, 0, 1000)
	for i := 0; i < 1000; i++ {
		items = append(items, &item{id: int64(i)})
	}
	for i := 0; i < 300; i++ {
		buffers = append(buffers, make([]byte, 1000))
	}
	if len(os.Args) > 1 && os.Args[1] == "many" {
		for i := 0; i < 50000; i++ {
			list = &node{value: int64(i), next: list}
		}
		table = make(map[int64]*leaf)
		for i := 0; i < 20000; i++ {
			table[int64(i)] = &leaf{key: int64(i)}
		}
		for i := 0; i < 30000; i++ {
			leaves = append(leaves, &leaf{key: int64(i)})
		}
	}
	runtime.GC()
	stop(1)
	extra = make([]*item, 0, 500)
	for i := 0; i < 500; i++ {
		extra = append(extra, &item{id: int64(i)})
	}
	stop(2)
	runtime.KeepAlive(items)
}
