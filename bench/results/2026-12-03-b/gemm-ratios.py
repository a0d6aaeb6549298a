"""Speed against OpenBLAS per round from a gemmrun.sh log: OpenBLAS µs / Scratchnet µs, and Scratchnet's GFLOPS.

Usage: python3 gemm-ratios.py LOG [PEAK_GFLOPS]
"""
import re
import sys

FORMS = {"matmul": "a·b", "matmulTransposeA": "aᵀ·b", "matmulTransposeB": "a·bᵀ"}
rounds, blas, ours = [], {}, {}
for line in open(sys.argv[1]):
    if line.startswith("### round"):
        blas, ours = {}, {}
        rounds.append((blas, ours))
        continue
    m = re.match(r"\s+(\d+)x(\d+)x(\d+)\s+median\(clean\)\s+[\d.]+ GFLOPS.*\(\s*([\d.]+) us/call, \d+ calls/block", line)
    if m:
        shape = "x".join(m.group(1, 2, 3))
        blas[(shape, 2 if (shape, 1) in blas else 1)] = float(m.group(4))
        continue
    m = re.match(r"MatmulBenchmark\.(\w+)\s+simd\s+(\S+)\s+(\d)\s+avgt\s+\d+\s+([\d.]+)", line)
    if m:
        ours[(m.group(1), m.group(2), int(m.group(3)))] = float(m.group(4))
peak = float(sys.argv[2]) if len(sys.argv) > 2 else None
keys = sorted({k for _, o in rounds for k in o}, key=lambda k: (k[2], list(FORMS).index(k[0]), -int(k[1].split("x")[0])))
for form, shape, threads in keys:
    m_, k_, n_ = map(int, shape.split("x"))
    cells = []
    for b, o in rounds:
        if (form, shape, threads) in o and (shape, threads) in b:
            us = o[(form, shape, threads)]
            gf = 2 * m_ * k_ * n_ / us / 1e3
            cells.append(f"{b[(shape, threads)] / us:.2f}× ({us:,.1f} µs, {gf:.0f} GFLOPS"
                         + (f", {gf / peak:.0%} of the peak" if peak and threads == 1 else "") + ")")
    print(f"| {FORMS[form]} | {shape} | {threads} | " + " / ".join(cells) + " |")
