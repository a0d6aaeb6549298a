#!/bin/bash
# Runs the simd test classes that once made the CNN's warm step box, in one JVM, in that order, N times
# (JDK 17 by default), and prints each run's CnnStepAllocationTest line and failures.
# From the project, after ./mvnw -o install -pl simd:
#   bash bench/results/2026-12-03-b/harness/ordered.sh [N]
# The simd tests' classpath (JUnit's launcher is one of its jars) is written to $OUT/cp.txt on the first run.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
JAVA=${JAVA:-java}
OUT=${OUT:-/tmp/ordered}
mkdir -p "$OUT"
[ -f "$OUT/cp.txt" ] || (cd "$ROOT" && ./mvnw -o -q -pl simd dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/cp.txt")
CP=$ROOT/simd/target/test-classes:$ROOT/simd/target/classes:$(cat "$OUT/cp.txt"):$OUT
"${JAVA%java}javac" -cp "$CP" -d "$OUT" "$HERE/OrderedRun.java"
ORDER="MatmulKernelTest ShortRowCrossEntropyTest AllocationSitesTest VectorBackendAllocationTest VectorExpTest LanesTest
VectorBackendTest OptimizerStepsTest CnnStepAllocationTest"
for i in $(seq 1 "${1:-4}"); do
  "$JAVA" --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" OrderedRun $(for c in $ORDER; do echo dev.scratchnet.simd.$c; done) \
    2>/dev/null | grep -E "^(CLASS CnnStep|FAIL)" | sed "s/^/run $i: /"
done
