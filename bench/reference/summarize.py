#!/usr/bin/python3
"""Reads a run-bench.sh or compare-all.sh output file and prints a Markdown table of medians.

For each (net, tool, threads) it pools the post-warm-up epoch times of every run
(epoch 1 of each run is dropped), and shows their median, the spread of the per-run
medians, images/s at the median, the median CPU seconds (all threads; with one thread
the steadier number on a shared machine) and the final test accuracy of each run.

Usage:  /usr/bin/python3 summarize.py results-YYYY-MM-DD.txt
"""

import json
import statistics
import sys
from collections import defaultdict


def normalise(result):
    """Gives a result line of the opponents in ../shared/anchors (numpy_mlp.py, torch_mlp.py, as
    compare-all.sh runs them, with the net in --tag) the field names of the other lines."""
    if "epoch_times" not in result:
        return result
    return {
        "net": result["tag"], "tool": result["tool"], "threads": result["threads"],
        "images_per_epoch": MNIST_TRAINING_IMAGES,
        "epoch_seconds": result["epoch_times"], "median_seconds_after_warmup": result["median_epoch_s"],
        "epoch_cpu_seconds": result["epoch_cpu_s"], "final_test_accuracy": result["final_test_acc"],
    }


MNIST_TRAINING_IMAGES = 60000


def main(path):
    runs = defaultdict(list)
    with open(path) as f:
        for line in f:
            if line.startswith("{"):
                result = normalise(json.loads(line))
                runs[(result["net"], result["threads"], result["tool"])].append(result)
    if not runs:
        sys.exit(f"{path} holds no result lines; is it run-bench.sh output?")
    print("| net | threads | tool | runs | median s/epoch | run medians | images/s "
          "| median CPU s/epoch | final acc |")
    print("| --- | ---: | --- | ---: | ---: | --- | ---: | ---: | --- |")
    order = {"nielsen": 0, "relu128": 1, "deep": 2}
    for net, threads, tool in sorted(runs, key=lambda k: (k[1], order.get(k[0], 9), k[2])):
        results = runs[(net, threads, tool)]
        pooled = [s for r in results for s in r["epoch_seconds"][1:]]
        if not pooled:
            continue
        median = statistics.median(pooled)
        cpu_pooled = [s for r in results for s in r.get("epoch_cpu_seconds", [])[1:]]
        cpu_median = f"{statistics.median(cpu_pooled):.3f}" if cpu_pooled else "n/a"
        images = results[0]["images_per_epoch"]
        per_run = ", ".join(f"{r['median_seconds_after_warmup']:.3f}" for r in results)
        accuracy = ", ".join(f"{r['final_test_accuracy']:.4f}" for r in results)
        print(f"| {net} | {threads} | {tool} | {len(results)} | {median:.3f} | {per_run} "
              f"| {images / median:,.0f} | {cpu_median} | {accuracy} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize.py RESULTS_FILE")
    main(sys.argv[1])
