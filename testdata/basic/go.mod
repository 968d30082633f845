module dlvx.test/basic

go 1.19
