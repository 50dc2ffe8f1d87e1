#!/usr/bin/env bash
# The arm64 run: gort's portable tests and `gort conform` on Debian's arm64 OpenJDK 17 under qemu
# user-mode emulation (scripts/arm64/setup.sh installs qemu and unpacks the JVM into .arm64/).
#
# The host JDK compiles; only the tests run on the emulated JVM (Surefire's -Djvm). Portable here
# means: the runtime tests, the accessor tests and jcstress's short mode in proc, and the
# conformance tests. Left out: the Lincheck model checks (byte-code instrumentation that takes
# minutes under emulation and checks interleavings, which do not depend on the host arch) and
# arch-tests/bench (class-file rules and benchmarks, nothing arch-specific to run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

java_home=$(bash scripts/arm64/setup.sh --print-java-home)
arm_java="$java_home/bin/java"
echo "arm64 JVM: $arm_java"
"$arm_java" -XshowSettings:properties -version 2>&1 | grep -E 'os.arch|java.vm.name|java.runtime.version'

./mvnw -B verify -pl runtime,proc,conformance -am \
  -Djvm="$arm_java" \
  -Dtest='!GscanLockModelCheckTest' -Dsurefire.failIfNoSpecifiedTests=false

echo "gort conform on the arm64 JVM:"
GORT_JAVA="$arm_java" ./gort conform
