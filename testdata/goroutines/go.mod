module dlvx.test/goroutines

go 1.19
