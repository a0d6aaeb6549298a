# relu128 on JDK 17 (default java), one thread, 14 fresh JVMs of the jar in $JAR (default /tmp/base.jar), with the
# JIT's intrinsic and inlining reports; per JVM the store intrinsics C2 finally failed to inline, the "missing
# constant" reports, and the epoch times that survived the interleaved printing. Run from an empty folder.
mkdir -p /tmp/pi17 && cd /tmp/pi17
for r in $(seq 1 14); do
  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintIntrinsics -XX:+PrintInlining \
    -cp ${JAR:-/tmp/base.jar} dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 4 --threads 1 \
    --networks relu128 --backends simd > r$r.txt 2>&1
  echo "r$r storeFail=$(grep 'VectorSupport::store.*failed to inline (intrinsic)' r$r.txt | grep -vc 'late inline succ') missingConstant=$(grep -c 'missing constant: vclass=DecodeN' r$r.txt) epochs $(grep -o 'epoch [0-9]/[0-9]: [0-9.]* s' r$r.txt | awk '{print $3}' | tr '\n' ' ')"
done
