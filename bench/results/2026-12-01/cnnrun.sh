P="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=passive /usr/bin/python3"
JAR=$1
for t in 1 2; do
  java --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 3 --threads $t --networks cnn --backends simd 2>&1 | grep "^| cnn" | sed "s/^/jdk17 /"
  $P /work/shared/anchors/torch_cnn.py --data /work/shared/data/mnist --epochs 3 --threads $t 2>&1 | tail -3 | sed "s/^/torch t$t /"
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 3 --threads $t --networks cnn --backends simd 2>&1 | grep "^| cnn" | sed "s/^/jdk25 /"
done
