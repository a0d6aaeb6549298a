# relu128 on JDK 17 (default java), one thread, 12 runs of this change's jar (t4) with the JIT's intrinsic
# and inlining reports; per run the store intrinsics C2 finally failed to inline, the "missing constant"
# reports on a store's vector class, and the epoch times that survived the interleaved printing.
mkdir -p /tmp/pi17 && cd /tmp/pi17
for r in $(seq 1 12); do
  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintIntrinsics -XX:+PrintInlining \
    -cp /tmp/t4.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 3 --threads 1 \
    --networks relu128 --backends simd > r$r.txt 2>&1
  echo "r$r storeFail=$(grep 'VectorSupport::store.*failed to inline (intrinsic)' r$r.txt | grep -vc 'late inline succ') missingConstant=$(grep -c 'missing constant: vclass=DecodeN' r$r.txt) epochs $(grep -o 'epoch [0-9]/[0-9]: [0-9.]* s' r$r.txt | awk '{print $3}' | tr '\n' ' ')"
done
