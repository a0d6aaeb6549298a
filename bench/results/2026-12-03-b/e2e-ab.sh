# e2e-ab.sh OLD_JAR NEW_JAR ROUNDS: one network end to end (NET, default relu128) on THREADS threads (default 1) and
# JAVA (default JDK 17), the two jars alternating; from the project, with the MNIST folder in $SCRATCHNET_DATA.
# Prints each JVM's median s/epoch (epochs 2-4).
J=${JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
for r in $(seq 1 "$3"); do
  for jar in "$1" "$2"; do
    t=$("$J" --add-modules jdk.incubator.vector -cp "$jar" dev.scratchnet.bench.EndToEndBench --data "$SCRATCHNET_DATA" \
      --epochs 4 --threads "${THREADS:-1}" --skip-scalar --networks "${NET:-relu128}" --seed 2 2>/dev/null \
      | grep -o '"median_seconds_after_warmup": [0-9.]*')
    echo "round $r $(basename "$jar") $t"
  done
done
