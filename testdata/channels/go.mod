module channels

go 1.19
