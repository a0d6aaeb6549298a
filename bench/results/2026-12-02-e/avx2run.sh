# avx2run.sh JAR ROUNDS: the AVX2 path (issue 14, item 5): JMH MatmulBenchmark on JDK 25 with -XX:UseAVX=2 (256-bit
# vectors, 16 registers: the six-row tile), one thread, 3 shapes x 3 forms, alternating with OpenBLAS through NumPy
# pinned to its Haswell (AVX2) kernel, ROUNDS times.
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell /usr/bin/python3"
echo "# OpenBLAS kernel: Haswell; JVM: -XX:UseAVX=2"
for r in $(seq 1 $2); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY /work/shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 1024x1024x1024,128x784x512,64x784x128 2>&1 | grep -v "^#" | tail -4
  $J25 --add-modules jdk.incubator.vector -jar $1 'MatmulBenchmark' -jvmArgsAppend -XX:UseAVX=2 -p backend=simd -p threads=1 \
     -p shape=1024x1024x1024,128x784x512,64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark"
done
