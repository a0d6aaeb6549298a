# relu128-jdk17-ab.sh OLD_JAR NEW_JAR ROUNDS: relu128 end to end, one thread, JDK 17, the two jars alternating; from the
# project, with the MNIST folder in $SCRATCHNET_DATA. Prints each JVM's median s/epoch (epochs 2-4).
J=${JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
for r in $(seq 1 "$3"); do
  for jar in "$1" "$2"; do
    t=$("$J" --add-modules jdk.incubator.vector -cp "$jar" dev.scratchnet.bench.EndToEndBench --data "$SCRATCHNET_DATA" \
      --epochs 4 --threads 1 --skip-scalar --networks relu128 --seed 2 2>/dev/null | grep -o '"median_seconds_after_warmup": [0-9.]*')
    echo "round $r $(basename "$jar") $t"
  done
done
