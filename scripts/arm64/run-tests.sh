#!/usr/bin/env bash
# The arm64 run: gort's portable tests and `gort conform` on Debian's arm64 OpenJDK 17 under qemu
# user-mode emulation (scripts/arm64/setup.sh installs qemu and unpacks the JVM into .arm64/).
#
# The host JDK compiles; only the tests run on the emulated JVM (Surefire's -Djvm). Portable here
# means: the runtime tests, the accessor tests and jcstress's short mode in proc, and the
# conformance tests. Left out: the Lincheck model checks (byte-code instrumentation that takes
# minutes under emulation and checks interleavings, which do not depend on the host arch) and
# arch-tests/bench (class-file rules and benchmarks, nothing arch-specific to run).
#
# Options: --seeds N   sim seeds per scenario for `gort conform` here (default: gort conform's
#                      own, 50, the same runs as on the host; .ci/run compares the seeds both
#                      hosts ran). The emulated JVM is about 10x slower than the host's, so its
#                      runs get ten times their timeouts;
#          --report DIR  where `gort conform --report` writes its JSON and JUnit XML
#                      (default conform-reports/arm64).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

seeds=
report=conform-reports/arm64
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=${2:?--seeds needs a number}; shift 2 ;;
    --report) report=${2:?--report needs a directory}; shift 2 ;;
    *) echo "usage: $0 [--seeds N] [--report DIR]" >&2; exit 2 ;;
  esac
done

java_home=$(bash scripts/arm64/setup.sh --print-java-home)
arm_java="$java_home/bin/java"
echo "arm64 JVM: $arm_java"
"$arm_java" -XshowSettings:properties -version 2>&1 | grep -E 'os.arch|java.vm.name|java.runtime.version'

./mvnw -B verify -pl runtime,proc,conformance -am \
  -Djvm="$arm_java" \
  -Dtest='!GscanLockModelCheckTest,!PprofToolTest' -Dsurefire.failIfNoSpecifiedTests=false

echo "gort conform on the arm64 JVM (${seeds:-default} seeds):"
GORT_JAVA="$arm_java" ./gort conform ${seeds:+--seeds "$seeds"} --timeout-scale 10 --report "$report"
