# relu128 on JDK $1, one thread: N runs of each jar, alternating; per run the epoch times and the vector
# intrinsics C2 finally failed to inline (with -XX:+PrintInlining).
J=$1; N=$2; shift 2
mkdir -p /tmp/mlpmode
for r in $(seq 1 $N); do
  for v in "$@"; do
    $J --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining -cp /tmp/$v.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 4 --threads 1 --networks relu128 --backends simd > /tmp/mlpmode/$v-$r.txt 2>&1
    f=$(grep 'VectorSupport::.*failed to inline (intrinsic)' /tmp/mlpmode/$v-$r.txt | grep -vc 'late inline succeeded')
    echo "r$r $v finalFail=$f epochs: $(grep -o 'epoch [0-9]/[0-9]: [0-9.]* s' /tmp/mlpmode/$v-$r.txt | awk '{print $3}' | tr '\n' ' ')"
  done
done
