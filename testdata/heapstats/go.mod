module dlvx.test/heapstats

go 1.19
