#!/bin/sh
# jars.sh NET ROUNDS EPOCHS "THREADS..." JAR... : EndToEndBench (simd, JDK 25) for each jar and thread count
# in turn, ROUNDS times, alternating; prints one line per run: jar threads per-epoch seconds, test accuracy.
NET=$1; R=$2; EP=$3; TH=$4; shift 4
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $R); do
  for t in $TH; do
    for jar in "$@"; do
      line=$($J25 --add-modules jdk.incubator.vector -cp /tmp/$jar.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist \
        --epochs $EP --threads $t --skip-scalar --networks $NET --seed 2 2>&1 | grep '^{')
      echo "$r $jar t$t $(echo "$line" | sed 's/.*"epoch_seconds": \[\([^]]*\)\].*"final_test_accuracy": \([0-9.]*\).*/\1 acc \2/')"
    done
  done
done
