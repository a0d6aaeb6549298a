# The same as jdk17-storefail.sh, 16 JVMs, with -XX:+PrintCompilation as well, to name the compiles that failed.
for r in $(seq 1 16); do
  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+PrintIntrinsics -XX:+PrintInlining \
    -cp ${JAR:-/tmp/base.jar} dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 4 --threads 1 \
    --networks relu128 --backends simd > s$r.txt 2>&1
  echo "s$r storeFail=$(grep 'VectorSupport::store.*failed to inline (intrinsic)' s$r.txt | grep -vc 'late inline succ') epochs $(grep -o 'epoch [0-9]/[0-9]: [0-9.]* s' s$r.txt | awk '{print $3}' | tr '\n' ' ')"
done
