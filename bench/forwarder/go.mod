module forwarder

go 1.19
