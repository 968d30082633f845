module edgekinds

go 1.19
