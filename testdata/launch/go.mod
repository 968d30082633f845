module dlvx.test/launch

go 1.19
