#!/bin/sh
# Prints the OPENBLAS_CORETYPE the opponents should run with here, or nothing when OpenBLAS's own
# choice stands. OpenBLAS picks its kernel from the CPU's model number; under a hypervisor that hides
# the model ("Intel(R) Xeon(R) Processor") Debian's 0.3.21 falls back to Prescott, an SSE3 kernel at a
# quarter of the speed of its AVX-512 one (32 against 130 GFLOPS at 1024³ on 2026-12-02). An opponent
# runs as the strongest fair version of itself, so then the best kernel the CPU's flags allow is
# pinned: Cooperlake (AVX-512 with BF16), SkylakeX (AVX-512), or Haswell (AVX2 and FMA).
#
# Usage: CORE=$(bench/reference/openblas-core.sh) ; env ${CORE:+OPENBLAS_CORETYPE=$CORE} python3 ...
set -u
detected=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import numpy' 2>&1 \
  | sed -n 's/^Core: *//p' | head -1)
case $detected in
  Prescott|Katmai|Coppermine|Northwood|Core2|Penryn|Dunnington|Nehalem|Atom|"") ;;
  *) exit 0 ;; # OpenBLAS knows this CPU: its own choice is the strongest
esac
flags=$(grep -m1 '^flags' /proc/cpuinfo)
has() { case " $flags " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if has avx512f && has avx512bw && has avx512vl && has avx512dq; then
  if has avx512_bf16; then echo Cooperlake; else echo SkylakeX; fi
elif has avx2 && has fma; then
  echo Haswell
fi
