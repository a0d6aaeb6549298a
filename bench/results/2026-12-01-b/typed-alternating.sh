J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $2); do
  for v in base t2; do
    $J25 --add-modules jdk.incubator.vector -cp /tmp/$v.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 3 --threads $1 --networks cnn --backends simd 2>&1 | grep -E "epoch [0-9]/|^\| cnn" | tr '\n' ' ' | sed "s/^/r$r $v /"; echo
  done
done
