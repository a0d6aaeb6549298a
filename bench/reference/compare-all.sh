#!/bin/sh
# Same-session comparison on MNIST: NumPy, Scratchnet (simd, on JDK 17 and on JDK 25) and PyTorch,
# one after the other for each network, in two rounds with the order reversed, then the two-thread
# runs. Run from the repository root after `./mvnw -B -q package -pl bench -am -DskipTests`;
# summarise with `/usr/bin/python3 bench/reference/summarize.py results.txt`.
#
# Usage: bench/reference/compare-all.sh [DATA_DIR] [EPOCHS] > results.txt
set -u
D=${1:-../shared/data/mnist}
EP=${2:-4}
R=bench/reference
JAR=bench/target/benchmarks.jar
J17=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
J25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
sn() {
  echo "# uptime: $(uptime)"
  echo "# command: $1 --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data $D --epochs $EP --threads $2 --skip-scalar --networks $3 --seed 2"
  "$1" --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data "$D" --epochs "$EP" \
    --threads "$2" --skip-scalar --networks "$3" --seed 2 2>&1 | grep -v "^WARNING"
}
py() {
  echo "# uptime: $(uptime)"
  echo "# command: /usr/bin/python3 $R/mnist_$1.py --net $2 --epochs $EP --threads $3 --data $D --seed 2"
  /usr/bin/python3 "$R/mnist_$1.py" --net "$2" --epochs "$EP" --threads "$3" --data "$D" --seed 2
}
echo "# date: $(date -Iseconds)"
for round in 1 2; do
  for net in nielsen relu128 deep; do
    if [ "$round" -eq 1 ]; then py numpy $net 1; sn "$J17" 1 $net; py torch $net 1; sn "$J25" 1 $net
    else sn "$J25" 1 $net; py torch $net 1; sn "$J17" 1 $net; py numpy $net 1; fi
  done
done
for net in relu128 deep; do py numpy $net 2; sn "$J17" 2 $net; sn "$J25" 2 $net; py torch $net 2; done
echo "# uptime: $(uptime)"
