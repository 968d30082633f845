module dlvx.demo/leaky

go 1.19
