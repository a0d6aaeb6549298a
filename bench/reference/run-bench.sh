#!/bin/sh
# Runs the reference comparison: every network with NumPy and PyTorch, at 1 and 2 threads,
# ROUNDS times, alternating which tool goes first so slow drift in machine load (the
# machine may be shared) does not always land on the same tool. Everything, including
# `uptime` before each run, goes to stdout; redirect it to results-<date>.txt and
# summarise with summarize.py.
#
# Usage: bench/reference/run-bench.sh DATA_DIR [EPOCHS] [ROUNDS] [SEED] > results-$(date +%F).txt
set -eu
data=${1:?usage: run-bench.sh DATA_DIR [EPOCHS] [ROUNDS] [SEED]}
epochs=${2:-4}
rounds=${3:-2}
seed=${4:-2}
here=$(dirname "$0")
py=/usr/bin/python3

echo "# date: $(date -Iseconds)"
echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cpus"
echo "# kernel: $(uname -r)"
echo "# python: $($py --version 2>&1)"
echo "# numpy: $($py -c 'import numpy; print(numpy.__version__)')"
echo "# torch: $($py -c 'import torch; print(torch.__version__)')"
echo "# libblas.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"

for threads in 1 2; do
  for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then tools="numpy torch"; else tools="torch numpy"; fi
    for net in nielsen relu128 deep; do
      for tool in $tools; do
        echo "# uptime: $(uptime)"
        echo "# command: $py $here/mnist_$tool.py --net $net --epochs $epochs --threads $threads --data $data --seed $seed"
        "$py" "$here/mnist_$tool.py" --net "$net" --epochs "$epochs" --threads "$threads" \
          --data "$data" --seed "$seed"
      done
    done
  done
done
echo "# uptime: $(uptime)"
