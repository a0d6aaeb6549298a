#!/bin/sh
# Same-session comparison on MNIST: the careful NumPy and PyTorch opponents (numpy_mlp.py and
# torch_mlp.py from ../shared/anchors, beside the project root; see the README there) and
# Scratchnet (simd, on JDK 17 and on JDK 25), one after the other for each network, in two rounds
# with the order reversed, then the two-thread runs. Build first with
# `./mvnw -B -q package -pl bench -am -DskipTests`; summarise with
# `/usr/bin/python3 bench/reference/summarize.py results.txt`.
#
# Usage: bench/reference/compare-all.sh [DATA_DIR] [EPOCHS] > results.txt
# Environment: SCRATCHNET_ANCHORS (the opponents' folder, default ../shared/anchors beside the
# project root), JAVA17_HOME, JAVA25_HOME.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ANCHORS=${SCRATCHNET_ANCHORS:-$ROOT/../shared/anchors}
D=${1:-$ROOT/../shared/data/mnist}
EP=${2:-4}
JAR=$ROOT/bench/target/benchmarks.jar
J17=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
J25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# Debian's Python, which sees Debian's numpy and torch. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE would
# pin an older, slower OpenBLAS kernel; passive OpenMP workers sleep instead of spinning against
# OpenBLAS's threads for the two cores (see the anchors' README). Where OpenBLAS does not recognise
# the CPU, openblas-core.sh names the kernel its flags allow, and that one is pinned instead.
CORE=$("$ROOT/bench/reference/openblas-core.sh")
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${CORE:+OPENBLAS_CORETYPE=$CORE} OMP_WAIT_POLICY=passive /usr/bin/python3"

for f in numpy_mlp.py torch_mlp.py; do
  if [ ! -f "$ANCHORS/$f" ]; then
    echo "compare-all.sh: no $f in $ANCHORS; put the opponents there or set SCRATCHNET_ANCHORS to their folder." >&2
    exit 2
  fi
done
if [ ! -f "$JAR" ]; then
  echo "compare-all.sh: no $JAR; build it with ./mvnw -B -q package -pl bench -am -DskipTests." >&2
  exit 2
fi
if [ ! -d "$D" ]; then
  echo "compare-all.sh: no MNIST folder at $D; pass the folder with the four IDX files as the first argument." >&2
  exit 2
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The three reference networks, with the hyper-parameters EndToEndBench uses.
flags() {
  case $1 in
    nielsen) echo "--layers 784,30,10 --hidden sigmoid --output sigmoid --loss mse --init gaussian --opt sgd --lr 3.0 --batch 10" ;;
    relu128) echo "--layers 784,128,10 --hidden relu --output softmax --loss ce --init he --opt sgd --lr 0.05 --momentum 0.9 --batch 64" ;;
    deep) echo "--layers 784,512,256,10 --hidden relu --output softmax --loss ce --init he --opt adam --lr 0.001 --batch 128" ;;
  esac
}
sn() {
  echo "# uptime: $(uptime)"
  echo "# command: $1 --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data $D --epochs $EP --threads $2 --skip-scalar --networks $3 --seed 2"
  "$1" --add-modules jdk.incubator.vector -cp "$JAR" dev.scratchnet.bench.EndToEndBench --data "$D" --epochs "$EP" \
    --threads "$2" --skip-scalar --networks "$3" --seed 2 2>&1 | grep -v "^WARNING"
}
# py numpy|torch NET THREADS: the opponent's output, then its JSON result line (tagged with the net) for summarize.py.
py() {
  echo "# uptime: $(uptime)"
  echo "# command: $PY $ANCHORS/$1_mlp.py --data $D $(flags "$2") --epochs $EP --threads $3 --seed 2 --eval last --tag $2"
  # shellcheck disable=SC2046 # the flags are meant to split into words
  $PY "$ANCHORS/$1_mlp.py" --data "$D" $(flags "$2") --epochs "$EP" --threads "$3" --seed 2 --eval last \
    --tag "$2" --out "$TMP/result.json"
  cat "$TMP/result.json" 2>/dev/null
  rm -f "$TMP/result.json"
}
echo "# date: $(date -Iseconds)"
echo "# opponents: $ANCHORS"
echo "# OpenBLAS kernel: ${CORE:-as OpenBLAS detects it}"
for round in 1 2; do
  for net in nielsen relu128 deep; do
    if [ "$round" -eq 1 ]; then py numpy $net 1; sn "$J17" 1 $net; py torch $net 1; sn "$J25" 1 $net
    else sn "$J25" 1 $net; py torch $net 1; sn "$J17" 1 $net; py numpy $net 1; fi
  done
done
for net in relu128 deep; do py numpy $net 2; sn "$J17" 2 $net; sn "$J25" 2 $net; py torch $net 2; done
echo "# uptime: $(uptime)"
