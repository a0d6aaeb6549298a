# relu128, one thread, JDK 25: the old and the new jar alternating, 5 epochs each; median of epochs 2-5 per run.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $1); do
  for v in base t4; do
    $J --add-modules jdk.incubator.vector -cp /tmp/$v.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 5 --threads 1 --networks relu128 --backends simd 2>&1 | grep "^| relu128" | sed "s/^/r$r $v /"
  done
done
