# abt-avx2-ab.sh OLD_JAR NEW_JAR ROUNDS: the AVX2 path: JMH a·bᵀ (simd, one thread, three shapes) on JDK 25 with
# -XX:UseAVX=2 (256-bit vectors), the jars before and after the 8 × 8 register transpose, alternating with OpenBLAS
# pinned to its Haswell (AVX2) kernel; from the project.
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell /usr/bin/python3"
for r in $(seq 1 "$3"); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY ../shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 1024x1024x1024,128x784x512,64x784x128 2>&1 | grep -v "^#" | tail -3
  for jar in "$1" "$2"; do
    echo "## $(basename "$jar")"
    $J25 --add-modules jdk.incubator.vector -jar "$jar" 'MatmulBenchmark.matmulTransposeB' -jvmArgsAppend -XX:UseAVX=2 \
      -p backend=simd -p threads=1 -p shape=1024x1024x1024,128x784x512,64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark"
  done
done
