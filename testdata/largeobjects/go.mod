module largeobjects

go 1.19
