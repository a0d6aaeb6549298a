# gemmrun.sh JAR ROUNDS: JMH MatmulBenchmark (simd, 1 thread, 3 shapes x 3 forms; 1024^3 a.b on 2 threads) on $JAVA (default JDK 25;
# the JAVA setting from 2026-12-03),
# alternating with OpenBLAS through NumPy (../shared/anchors/gemm_bench.py), ROUNDS times. Where OpenBLAS does not
# recognise the CPU, it runs on the kernel bench/reference/openblas-core.sh names (from 2026-12-02, late morning).
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CORE=$("$(dirname "$0")/../../reference/openblas-core.sh")
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${CORE:+OPENBLAS_CORETYPE=$CORE} /usr/bin/python3"
echo "# OpenBLAS kernel: ${CORE:-as detected}"
for r in $(seq 1 $2); do
  echo "### round $r $(date +%H:%M:%S)"
  $PY /work/shared/anchors/gemm_bench.py --lib numpy --threads 1 --sizes 1024x1024x1024,128x784x512,64x784x128 2>&1 | grep -v "^#" | tail -4
  $JAVA --add-modules jdk.incubator.vector -jar $1 'MatmulBenchmark' -p backend=simd -p threads=1 \
     -p shape=1024x1024x1024,128x784x512,64x784x128 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark" 
  $JAVA --add-modules jdk.incubator.vector -jar $1 'MatmulBenchmark.matmul$' -p backend=simd -p threads=2 \
     -p shape=1024x1024x1024 -f 1 -wi 3 -i 5 -w 1 -r 1 -tu us 2>&1 | grep -E "^MatmulBenchmark"
  $PY /work/shared/anchors/gemm_bench.py --lib numpy --threads 2 --sizes 1024x1024x1024 2>&1 | grep -v "^#" | tail -2
done
