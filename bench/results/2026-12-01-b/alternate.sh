# Two or more jars, one after the other in each round, on JDK 25: one network's epoch lines and result row
# per run. The jars are copies in /tmp (base = b458ce6; t2 and t4 are steps of this change).
# Usage: alternate.sh NETWORK EPOCHS THREADS ROUNDS JAR...
#   typed-alternating-t2.log:        alternate.sh cnn 3 1 8 base t2
#   relu128-jdk25-alternating.log:   alternate.sh relu128 5 1 10 base t4
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
NET=$1; EPOCHS=$2; THREADS=$3; ROUNDS=$4; shift 4
for r in $(seq 1 "$ROUNDS"); do
  for v in "$@"; do
    $J25 --add-modules jdk.incubator.vector -cp /tmp/$v.jar dev.scratchnet.bench.EndToEndBench --data /work/shared/data/mnist \
      --epochs "$EPOCHS" --threads "$THREADS" --networks "$NET" --backends simd 2>&1 \
      | grep -E "epoch [0-9]/|^\| $NET" | tr '\n' ' ' | sed "s/^/r$r $v /"; echo
  done
done
