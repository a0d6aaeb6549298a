# abt-small.sh ROUNDS: a·bᵀ at 64×784×128 alone, JMH on JDK 17 and JDK 25 alternating with OpenBLAS (NumPy), from the project.
CORE=$(bench/reference/openblas-core.sh)
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${CORE:+OPENBLAS_CORETYPE=$CORE} /usr/bin/python3"
for r in $(seq 1 "$1"); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY ../shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 64x784x128 2>&1 | grep -v "^#" | tail -1
  for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
    echo -n "$(basename $j) "
    $j/bin/java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar 'MatmulBenchmark.matmulTransposeB' \
      -p backend=simd -p threads=1 -p shape=64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark"
  done
done
