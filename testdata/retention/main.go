// retention is the target of heap-path's and the dominator tree's tests: a known graph.
//   - cache holds 8 holders; holder 3 holds a chain of 10 nodes (each node 64 bytes);
//   - a and b are two holders that share one node, so neither alone retains it;
//   - lonely is a node only a local variable of main holds.
package main

import "runtime"

type Node struct {
	value int64
	next  *Node
	pad   [6]int64
}

type Holder struct {
	name  string
	child *Node
}

var (
	cache []*Holder
	a, b  *Holder
)

//go:noinline
func stop(n *Node) int64 { return n.value }

// build fills the globals and returns the one object only a stack holds. It is a function of its
// own so that main's frame, which the walk scans as the collector does, holds nothing else.
func build() *Node {
	cache = make([]*Holder, 8)
	for i := range cache {
		cache[i] = &Holder{name: "holder"}
	}
	var head *Node
	for i := 0; i < 10; i++ {
		head = &Node{value: int64(i), next: head}
	}
	cache[3].child = head
	shared := &Node{value: 99}
	a = &Holder{name: "a", child: shared}
	b = &Holder{name: "b", child: shared}
	return &Node{value: 7}
}

func main() {
	lonely := build()
	runtime.GC()
	stop(lonely)
	runtime.KeepAlive(lonely)
}
