# halves.sh ROUNDS: how much a second core could give relu128 (784-128-10, momentum SGD) if each core trained half
# of every batch. Alternates, ROUNDS times per JDK: one JVM training batches of 64 on one thread, alone; then two
# JVMs at once, one per core (taskset), each training batches of 32 on one thread. Prints images per second of
# epochs 2-4 of each JVM. The two JVMs together are the ceiling of a split by halves of the batch: they pay
# neither the sum of the two halves' gradients nor the crossing of W1 between the cores that such a split would.
# Run from the project root with the app jar built; SCRATCHNET_DATA names the MNIST folder.
F="train --layers 784,128,10 --optimizer sgd --lr 0.05 --momentum 0.9 --threads 1 --epochs 4 --seed 2"
rate() { grep -E "^epoch [234]/4  " "$1" | grep -o "[0-9]* img/s" | cut -d' ' -f1 | tr '\n' ' '; }
T=$(mktemp -d)
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  for r in $(seq 1 "$1"); do
    JAVA_HOME=$jdk taskset -c 0 ./scratchnet $F --batch 64 --save "$T/a.snet" > "$T/a.log" 2>&1
    JAVA_HOME=$jdk taskset -c 0 ./scratchnet $F --batch 32 --save "$T/b.snet" > "$T/b.log" 2>&1 &
    JAVA_HOME=$jdk taskset -c 1 ./scratchnet $F --batch 32 --save "$T/c.snet" > "$T/c.log" 2>&1
    wait
    echo "$(basename $jdk) round $r: batch 64 alone: $(rate "$T/a.log")| two of batch 32: $(rate "$T/b.log")/ $(rate "$T/c.log")"
  done
done
rm -rf "$T"
