module dlvx.dev/bench/heaptarget

go 1.19
