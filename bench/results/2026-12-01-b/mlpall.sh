# A three-round variant of bench/reference/compare-all.sh (the maintained comparison, with the same
# networks and flags): here every network also runs at two threads, and each round keeps one order.
# It produced mlpall.log; for new comparisons use compare-all.sh and summarize.py.
# The three reference MLPs against the careful NumPy and PyTorch (../shared/anchors), JDK 17 and 25, 1 and 2
# threads, 4 epochs each, in turn within each round. Usage: mlpall.sh JAR ROUNDS
D=/work/shared/data/mnist; A=/work/shared/anchors; JAR=$1
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=passive /usr/bin/python3"
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
flags() {
  case $1 in
    nielsen) echo "--layers 784,30,10 --hidden sigmoid --output sigmoid --loss mse --init gaussian --opt sgd --lr 3.0 --batch 10" ;;
    relu128) echo "--layers 784,128,10 --hidden relu --output softmax --loss ce --init he --opt sgd --lr 0.05 --momentum 0.9 --batch 64" ;;
    deep) echo "--layers 784,512,256,10 --hidden relu --output softmax --loss ce --init he --opt adam --lr 0.001 --batch 128" ;;
  esac
}
for r in $(seq 1 $2); do
for t in 1 2; do
for net in nielsen relu128 deep; do
  echo "### round $r $net threads $t $(date -u +%H:%M:%S)"
  java --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data $D --epochs 4 --threads $t --skip-scalar --networks $net --seed 2 2>&1 | grep "^| $net" | sed 's/^/jdk17 /'
  $PY $A/numpy_mlp.py --data $D $(flags $net) --epochs 4 --threads $t --seed 2 --eval last 2>&1 | tail -1 | sed 's/^/numpy /'
  $J25 --add-modules jdk.incubator.vector -cp $JAR dev.scratchnet.bench.EndToEndBench --data $D --epochs 4 --threads $t --skip-scalar --networks $net --seed 2 2>&1 | grep "^| $net" | sed 's/^/jdk25 /'
  $PY $A/torch_mlp.py --data $D $(flags $net) --epochs 4 --threads $t --seed 2 --eval last 2>&1 | tail -1 | sed 's/^/torch /'
done
done
done
