module dlvx.bench/target

go 1.19
