# jars.sh NET EPOCHS ROUNDS "threads list" JAR... : EndToEndBench on JDK 25, alternating jars and threads
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
NET=$1; EP=$2; R=$3; TH=$4; shift 4
for r in $(seq 1 $R); do for t in $TH; do for j in "$@"; do
  $J25 --add-modules jdk.incubator.vector -cp /tmp/$j.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist \
      --epochs $EP --threads $t --networks $NET --backends simd 2>&1 | grep -E "^\| $NET" | tr '\n' ' ' | sed "s/^/r$r $j t$t /"; echo
done; done; done
