# avx2run.sh JAR ROUNDS: the AVX2 path (-XX:UseAVX=2: 256-bit vectors, 16 registers, the six-row tile) against
# OpenBLAS's Haswell kernel, one thread, alternating, ROUNDS times. JMH on JDK 25.
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
PY="env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell /usr/bin/python3"
for r in $(seq 1 $2); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY /work/shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 1024x1024x1024,128x784x512,64x784x128 2>&1 | grep -v "^#" | tail -4
  $J25 --add-modules jdk.incubator.vector -XX:UseAVX=2 -jar $1 'MatmulBenchmark' -p backend=simd -p threads=1 \
     -p shape=1024x1024x1024,128x784x512,64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us -jvmArgsAppend -XX:UseAVX=2 2>&1 | grep -E "^MatmulBenchmark"
done
