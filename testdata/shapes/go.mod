module dlvx.test/shapes

go 1.19
