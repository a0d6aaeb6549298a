"""Shared plumbing for the MNIST reference scripts: command line, thread pinning,
IDX reading, the BLAS report and the per-epoch / summary printing.

Nothing in here touches the networks; each script keeps its own model code so a
reader can see all of it in one file.

Import order matters: `configure_threads` must run before NumPy or PyTorch is
imported, because OpenBLAS and OpenMP read their thread counts from the
environment once, when the shared library is loaded. That is why this module
imports NumPy only inside the functions that need it.
"""

import argparse
import gzip
import json
import os
import statistics
import struct
import sys

# The three reference networks, shared by both scripts so they cannot drift apart.
# "cost" is the output layer + loss pair.
NETWORKS = {
    "nielsen": dict(sizes=[784, 30, 10], hidden="sigmoid", cost="sigmoid_quadratic",
                    init="normal", optimizer="sgd", learning_rate=3.0, batch=10),
    "relu128": dict(sizes=[784, 128, 10], hidden="relu", cost="softmax_cross_entropy",
                    init="he", optimizer="momentum", learning_rate=0.05, batch=64),
    "deep": dict(sizes=[784, 512, 256, 10], hidden="relu", cost="softmax_cross_entropy",
                 init="he", optimizer="adam", learning_rate=1e-3, batch=128),
}
NETS = tuple(NETWORKS)

# Every variable a BLAS or OpenMP runtime might read, so the count holds whichever
# BLAS libblas.so.3 points at (OpenBLAS pthread/OpenMP builds, BLIS, MKL).
THREAD_ENV_VARS = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
)

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--net", choices=NETS, required=True,
                        help="which of the three reference MLPs to train")
    parser.add_argument("--epochs", type=int, default=4,
                        help="epochs to train (epoch 1 counts as warm-up in the summary)")
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS / OpenMP threads (default 1)")
    parser.add_argument("--data", default=os.environ.get("SCRATCHNET_DATA"),
                        help="folder with the four MNIST IDX .gz files "
                             "(default: the SCRATCHNET_DATA environment variable)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed for the initial weights and the per-epoch shuffle")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}.")
    if args.threads < 1:
        parser.error(f"--threads must be at least 1, got {args.threads}.")
    if not args.data:
        parser.error("no MNIST folder given: pass --data DIR or set SCRATCHNET_DATA.")
    missing = [f for f in (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
               if not os.path.isfile(os.path.join(args.data, f))]
    if missing:
        parser.error(f"{args.data} lacks {', '.join(missing)}: point --data at the folder "
                     "holding the four MNIST IDX .gz files.")
    return args


def configure_threads(threads):
    """Pin BLAS/OpenMP threads; must be called before numpy or torch is imported."""
    already = [m for m in ("numpy", "torch") if m in sys.modules]
    if already:
        raise RuntimeError(f"configure_threads ran after {already} was imported; "
                           "call it first, or the thread count is ignored.")
    for name in THREAD_ENV_VARS:
        os.environ[name] = str(threads)


def _read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    header_size = 4 + 4 * dims
    found_magic, *shape = struct.unpack(">" + "I" * (1 + dims), data[:header_size])
    if found_magic != magic:
        raise ValueError(f"{path} has magic 0x{found_magic:08x}, expected 0x{magic:08x}: "
                         "is it an MNIST IDX file?")
    expected = 1
    for n in shape:
        expected *= n
    if len(data) - header_size != expected:
        raise ValueError(f"{path} holds {len(data) - header_size} data bytes but its header "
                         f"says {shape} ({expected}); the file is truncated or corrupt.")
    return data[header_size:], shape


def load_mnist(folder):
    """Returns (x_train, y_train, x_test, y_test): images as float32 rows of 784 in [0,1],
    labels as int64."""
    import numpy as np

    def images(name):
        raw, (count, rows, cols) = _read_idx(os.path.join(folder, name), 0x00000803, 3)
        pixels = np.frombuffer(raw, dtype=np.uint8).reshape(count, rows * cols)
        return pixels.astype(np.float32) / np.float32(255.0)

    def labels(name):
        raw, _ = _read_idx(os.path.join(folder, name), 0x00000801, 1)
        return np.frombuffer(raw, dtype=np.uint8).astype(np.int64)

    x_train, y_train = images(TRAIN_IMAGES), labels(TRAIN_LABELS)
    x_test, y_test = images(TEST_IMAGES), labels(TEST_LABELS)
    if len(x_train) != len(y_train) or len(x_test) != len(y_test):
        raise ValueError(f"image and label counts differ in {folder}: "
                         f"train {len(x_train)}/{len(y_train)}, test {len(x_test)}/{len(y_test)}.")
    return x_train, y_train, x_test, y_test


def blas_report():
    """Which BLAS library this process actually loaded, and, for OpenBLAS, its
    thread count and build string. Read from /proc/self/maps (Linux only)
    because numpy.show_config() names the libblas.so.3 *link*, not where the
    Debian alternatives system points it."""
    import ctypes
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return {"library": "unknown (no /proc/self/maps)"}
    real = sorted({os.path.realpath(p) for p in paths})
    report = {"library": ", ".join(real) or "none loaded"}
    for path in real:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_num_threads.restype = ctypes.c_int
            lib.openblas_get_config.restype = ctypes.c_char_p
        except (OSError, AttributeError):
            continue
        report["openblas_threads"] = lib.openblas_get_num_threads()
        report["openblas_config"] = lib.openblas_get_config().decode().strip()
        break
    return report


class EpochLog:
    """Prints one line per epoch and the closing JSON summary line."""

    def __init__(self, net, tool, threads, train_count, extra):
        self.net, self.tool, self.threads = net, tool, threads
        self.train_count = train_count
        self.extra = extra
        self.seconds = []
        self.cpu_seconds = []
        self.accuracy = None
        print(f"# {tool} {net} threads={threads} " + json.dumps(extra), flush=True)
        print(f"{'epoch':>5} {'seconds':>8} {'cpu_s':>8} {'images/s':>9} {'train_loss':>10} "
              f"{'test_acc':>8}", flush=True)

    def epoch(self, seconds, cpu_seconds, train_loss, accuracy):
        """seconds is wall-clock time; cpu_seconds is this process's CPU time (all threads)
        over the same span. On a shared machine, with one thread, cpu_seconds is the
        steadier measure of work: it does not grow while the process waits for a core."""
        self.seconds.append(seconds)
        self.cpu_seconds.append(cpu_seconds)
        self.accuracy = accuracy
        print(f"{len(self.seconds):>5} {seconds:>8.3f} {cpu_seconds:>8.3f} "
              f"{self.train_count / seconds:>9.0f} {train_loss:>10.4f} {accuracy:>8.4f}",
              flush=True)

    def summary(self):
        after_warmup = self.seconds[1:]
        line = {
            "net": self.net,
            "tool": self.tool,
            "threads": self.threads,
            "images_per_epoch": self.train_count,
            "epoch_seconds": [round(s, 4) for s in self.seconds],
            "median_seconds_after_warmup":
                round(statistics.median(after_warmup), 4) if after_warmup else None,
            "epoch_cpu_seconds": [round(s, 4) for s in self.cpu_seconds],
            "median_cpu_seconds_after_warmup":
                round(statistics.median(self.cpu_seconds[1:]), 4) if after_warmup else None,
            "final_test_accuracy": self.accuracy,
            **self.extra,
        }
        print(json.dumps(line), flush=True)
