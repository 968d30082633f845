module dlvx.test/runtimeviews

go 1.19
