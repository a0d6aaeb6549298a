package dev.scratchnet.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A · B for row-major float arrays, where A may be stored transposed (aᵀ·b) and B may be stored
 * transposed (a·bᵀ). This is the one place in Scratchnet where speed wins over brevity.
 *
 * <pre>
 * Blocking, L = lanes per vector (16 with AVX-512), sizes in floats:
 *
 *  for jc in steps of NC=1024 columns of C          B block  KC×NC = 256×1024 (1 MiB)  → L2
 *   for pc in steps of KC=256 along k                 packed once per (jc, pc) into panels NR wide
 *    for ic in steps of MC=128 rows of C           A block  MC×KC = 128×256 (128 KiB) → L2
 *     for jr in steps of NR=2L columns                B panel  KC×NR = 256×32 (32 KiB)  → L1
 *      for ir in steps of MR=8 rows                   A panel  MR×KC, streamed from L2
 *       micro-kernel: for p in 0..kc
 *          b0, b1 = two vectors of the B panel at row p
 *          for r in 0..7: a = broadcast A[r][p]; C[r][0] += a·b0; C[r][1] += a·b1   (fma)
 *
 *                  NR = 2L columns
 *               ┌────────┬────────┐
 *   MR = 8 rows │ c00    │ c01    │   16 accumulators + 2 B vectors + 1 broadcast = 19 registers
 *               │ ...    │ ...    │   of the 32 that AVX-512 has
 *               │ c70    │ c71    │
 *               └────────┴────────┘
 * </pre>
 *
 * Why these sizes: each step of p does 16 fma on 2 loads of B and 8 broadcasts of A, enough
 * independent work to keep both fma pipes busy (an fma has 4 cycles latency, 2 issue per cycle, so
 * at least 8 independent accumulators are needed). Larger tiles need more than about 28 live vectors,
 * the JIT spills them and the speed halves. Packing copies each block into the exact order the
 * micro-kernel reads it, so the hot loop walks memory strictly forwards with unit stride, whatever the
 * storage (plain or transposed) of a and b. Panels at the right and bottom edges are padded with
 * zeros; the micro-kernel runs unchanged on them and writes into a small tile that is then copied into
 * C, so no mask or tail loop sits in the hot loop. A panel no wider than one vector uses the 8×1
 * kernel, so narrow outputs such as 10 classes waste less work.
 *
 * <p>Every element of C is computed the same way (same k blocks, same order of fma) no matter how the
 * rows and columns of C are divided among threads, so results do not depend on the thread count.
 */
final class MatmulKernel {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();

    /** Rows of C per micro-kernel tile. */
    static final int MR = 8;
    /** Columns of C per micro-kernel tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of one block along k. */
    static final int KC = 256;
    /** Rows of C per A block; a multiple of MR. */
    static final int MC = 128;
    /** Columns of C per B block; a multiple of NR for every lane count. */
    static final int NC = 1024;

    /** Per-thread packing buffers, allocated once per thread rather than once per call. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private MatmulKernel() {
    }

    private static final class Workspace {
        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * NC];
        final float[] tile = new float[MR * NR];
    }

    /**
     * C = A · B, split across up to {@code threads} threads when the product is large enough.
     *
     * <p>The split divides C, never k: each thread owns whole panels of rows or columns of C and computes
     * them exactly as one thread would, so the result is bit for bit the same for any thread count. The
     * dimension with more tiles is divided; small products stay on the calling thread, where handing work
     * to another thread would cost more than it saves.
     *
     * @param a A, stored as a (m × k) or, when transA, as a (k × m)
     * @param b B, stored as b (k × n) or, when transB, as b (n × k)
     * @param c C (m × n), overwritten
     * @param threads the most threads to use, at least 1
     */
    static void multiply(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                         int m, int n, int k, int threads) {
        int rowPanels = (m + MR - 1) / MR, colPanels = (n + NR - 1) / NR;
        int shares = shares(m, n, k, threads);
        if (shares == 1) {
            compute(a, transA, b, transB, c, m, n, k, 0, m, 0, n);
        } else if (colPanels >= rowPanels) {
            WorkerPool.run(shares, s -> compute(a, transA, b, transB, c, m, n, k, 0, m,
                    Math.min(n, split(colPanels, shares, s) * NR), Math.min(n, split(colPanels, shares, s + 1) * NR)));
        } else {
            WorkerPool.run(shares, s -> compute(a, transA, b, transB, c, m, n, k,
                    Math.min(m, split(rowPanels, shares, s) * MR), Math.min(m, split(rowPanels, shares, s + 1) * MR), 0, n));
        }
    }

    /** Products with fewer multiply-adds than this run on the calling thread (measured; see the report in git log). */
    static final long PARALLEL_MIN_MACS = 1L << 19;

    /**
     * @return how many threads to use for an m×k·k×n product: 1 when it is small, else at most one per
     *         tile along the divided dimension
     */
    static int shares(int m, int n, int k, int threads) {
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_MACS) {
            return 1;
        }
        int panels = Math.max((m + MR - 1) / MR, (n + NR - 1) / NR);
        return Math.min(threads, panels);
    }

    /** @return the first of {@code units} units that share {@code s} of {@code shares} owns (share {@code shares} gives the end) */
    private static int split(int units, int shares, int s) {
        return (int) ((long) units * s / shares);
    }

    /**
     * Computes rows [r0, r1) and columns [c0, c1) of C = A · B, overwriting them.
     *
     * @param a A (m × k), stored as a (m × k) or, when transA, as a (k × m)
     * @param b B (k × n), stored as b (k × n) or, when transB, as b (n × k)
     * @param c C (m × n)
     */
    static void compute(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                        int m, int n, int k, int r0, int r1, int c0, int c1) {
        Workspace ws = WORKSPACE.get();
        float[] ap = ws.a, bp = ws.b, tile = ws.tile;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0; // the first k block overwrites C, so C needs no clearing
                packB(b, transB, n, k, pc, kc, jc, nc, bp);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    packA(a, transA, m, k, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bOff = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aOff = ir * kc;
                            int cOff = (ic + ir) * n + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel8x2(kc, ap, aOff, bp, bOff, c, cOff, n, accumulate);
                            } else {
                                if (nr <= L) {
                                    kernel8x1(kc, ap, aOff, bp, bOff, tile, 0, NR, false);
                                } else {
                                    kernel8x2(kc, ap, aOff, bp, bOff, tile, 0, NR, false);
                                }
                                mergeTile(tile, c, cOff, n, mr, nr, accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows [ic, ic+mc) × depth [pc, pc+kc) of A into panels of MR rows: panel r holds A[ic+r·MR+i][pc+p]
     * at r·kc·MR + p·MR + i, with rows past the edge set to zero.
     */
    private static void packA(float[] a, boolean transA, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) {
                // a is (k × m): the MR values for one p are already next to each other.
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * m + ic + ir;
                    int dst = base + p * MR;
                    System.arraycopy(a, src, ap, dst, mr);
                    if (mr < MR) {
                        Arrays.fill(ap, dst + mr, dst + MR, 0f);
                    }
                }
            } else {
                for (int i = 0; i < mr; i++) {
                    int src = (ic + ir + i) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = a[src + p];
                    }
                }
                for (int i = mr; i < MR; i++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs depth [pc, pc+kc) × columns [jc, jc+nc) of B into panels NR wide: panel q holds B[pc+p][jc+q·NR+j]
     * at q·kc·NR + p·NR + j, with columns past the edge set to zero.
     */
    private static void packB(float[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (transB) {
                // b is (n × k): column j of B is row j of b, contiguous along p.
                for (int j = 0; j < nr; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = 0f;
                    }
                }
            } else if (nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + jc + jr;
                    int dst = base + p * NR;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(SPECIES, b, src + L).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, (pc + p) * n + jc + jr, bp, dst, nr);
                    Arrays.fill(bp, dst + nr, dst + NR, 0f);
                }
            }
        }
    }

    /** Copies the valid mr × nr corner of an edge tile into C, adding to it after the first k block. */
    private static void mergeTile(float[] tile, float[] c, int cOff, int ldc, int mr, int nr, boolean accumulate) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                float v = tile[i * NR + j];
                c[cOff + i * ldc + j] = accumulate ? c[cOff + i * ldc + j] + v : v;
            }
        }
    }

    private static void store(FloatVector v, float[] c, int off, boolean accumulate) {
        (accumulate ? FloatVector.fromArray(SPECIES, c, off).add(v) : v).intoArray(c, off);
    }

    /** C[8 × 2L] (+)= A panel · B panel over kc steps, 16 accumulators in registers. */
    private static void kernel8x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = FloatVector.zero(SPECIES), c11 = c10,
                c20 = FloatVector.zero(SPECIES), c21 = c20,
                c30 = FloatVector.zero(SPECIES), c31 = c30,
                c40 = FloatVector.zero(SPECIES), c41 = c40,
                c50 = FloatVector.zero(SPECIES), c51 = c50,
                c60 = FloatVector.zero(SPECIES), c61 = c60,
                c70 = FloatVector.zero(SPECIES), c71 = c70;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR;
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        store(c00, c, cOff + 0 * ldc, accumulate);
        store(c01, c, cOff + 0 * ldc + L, accumulate);
        store(c10, c, cOff + 1 * ldc, accumulate);
        store(c11, c, cOff + 1 * ldc + L, accumulate);
        store(c20, c, cOff + 2 * ldc, accumulate);
        store(c21, c, cOff + 2 * ldc + L, accumulate);
        store(c30, c, cOff + 3 * ldc, accumulate);
        store(c31, c, cOff + 3 * ldc + L, accumulate);
        store(c40, c, cOff + 4 * ldc, accumulate);
        store(c41, c, cOff + 4 * ldc + L, accumulate);
        store(c50, c, cOff + 5 * ldc, accumulate);
        store(c51, c, cOff + 5 * ldc + L, accumulate);
        store(c60, c, cOff + 6 * ldc, accumulate);
        store(c61, c, cOff + 6 * ldc + L, accumulate);
        store(c70, c, cOff + 7 * ldc, accumulate);
        store(c71, c, cOff + 7 * ldc + L, accumulate);
    }

    /** C[8 × L] (+)= A panel · first vector of the B panel, for edge panels at most one vector wide. */
    private static void kernel8x1(int kc, float[] ap, int aOff, float[] bp, int bOff,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES),
                c10 = c00,
                c20 = c00,
                c30 = c00,
                c40 = c00,
                c50 = c00,
                c60 = c00,
                c70 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bOff + p * NR);
            c00 = FloatVector.broadcast(SPECIES, ap[ai + 0]).fma(b0, c00);
            c10 = FloatVector.broadcast(SPECIES, ap[ai + 1]).fma(b0, c10);
            c20 = FloatVector.broadcast(SPECIES, ap[ai + 2]).fma(b0, c20);
            c30 = FloatVector.broadcast(SPECIES, ap[ai + 3]).fma(b0, c30);
            c40 = FloatVector.broadcast(SPECIES, ap[ai + 4]).fma(b0, c40);
            c50 = FloatVector.broadcast(SPECIES, ap[ai + 5]).fma(b0, c50);
            c60 = FloatVector.broadcast(SPECIES, ap[ai + 6]).fma(b0, c60);
            c70 = FloatVector.broadcast(SPECIES, ap[ai + 7]).fma(b0, c70);
        }
        store(c00, c, cOff + 0 * ldc, accumulate);
        store(c10, c, cOff + 1 * ldc, accumulate);
        store(c20, c, cOff + 2 * ldc, accumulate);
        store(c30, c, cOff + 3 * ldc, accumulate);
        store(c40, c, cOff + 4 * ldc, accumulate);
        store(c50, c, cOff + 5 * ldc, accumulate);
        store(c60, c, cOff + 6 * ldc, accumulate);
        store(c70, c, cOff + 7 * ldc, accumulate);
    }
}
