module gort.bench/baseline

go 1.19
