module dlvx.test/heapstatstypes

go 1.19
