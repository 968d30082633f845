module retention

go 1.19
