#!/usr/bin/env bash
# Brings Debian's Go (1.19 on bookworm) for bench/go's baselines and `go tool pprof`, unless a go
# is already on PATH. Prints the go binary's path. Needs root or sudo, as the arm64 setup does.
set -euo pipefail
if command -v go >/dev/null 2>&1; then
    command -v go
    exit 0
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-go >/dev/null ||
    { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-go >/dev/null; }
command -v go
