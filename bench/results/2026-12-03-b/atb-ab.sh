# atb-ab.sh OLD_JAR NEW_JAR ROUNDS: JMH aᵀ·b (MatmulBenchmark.matmulTransposeA, simd, one thread, three shapes) with the
# jar before and after the depth-pair copy of a transposed a, on JDK 17 (where it applies), alternating with OpenBLAS
# (NumPy); from the project.
CORE=$(bench/reference/openblas-core.sh)
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${CORE:+OPENBLAS_CORETYPE=$CORE} /usr/bin/python3"
J=${JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
for r in $(seq 1 "$3"); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY ../shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 1024x1024x1024,128x784x512,64x784x128 2>&1 | grep -v "^#" | tail -3
  for jar in "$1" "$2"; do
    echo "## $(basename "$jar")"
    "$J" --add-modules jdk.incubator.vector -jar "$jar" 'MatmulBenchmark.matmulTransposeA' -p backend=simd \
      -p threads=1 -p shape=1024x1024x1024,128x784x512,64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark"
  done
done
