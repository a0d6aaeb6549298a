# Runs base and t3 side by side N times; counts vector intrinsics C2 failed to inline, per run.
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p /tmp/mode
for r in $(seq 1 $1); do
  for v in base t3; do
    ( $J25 --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining -cp /tmp/$v.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist --epochs 1 --threads 1 --networks cnn --backends simd > /tmp/mode/$v-$r.txt 2>&1 ) &
  done
  wait
  for v in base t3; do
    echo "r$r $v finalFail=$(grep "VectorSupport::.*failed to inline (intrinsic)" /tmp/mode/$v-$r.txt | grep -vc "late inline succeeded") storeFail=$(grep "VectorSupport::store.*failed to inline (intrinsic)" /tmp/mode/$v-$r.txt | grep -vc "late inline succeeded") $(grep "^| cnn" /tmp/mode/$v-$r.txt | cut -d"|" -f5)"
    grep 'VectorSupport::.*failed to inline (intrinsic)' /tmp/mode/$v-$r.txt | grep -v "late inline succeeded" > /tmp/mode/$v-$r.fail
    rm /tmp/mode/$v-$r.txt
  done
done
