import java.util.*;
import jdk.incubator.vector.*;

/**
 * Variants of packB's transposition (b is n × k; panels NR wide), timed alternately in one JVM, each checked to give the
 * current loop's panels. Usage: TrT N K VARIANT... with variants current, pOuter, fourRows, gather, staged, regs (the
 * register form is written for 16 lanes). transpose.txt ran "current pOuter fourRows gather"; the register section
 * of docs/benchmarks.md "current staged gather regs".
 */
public class TrT {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L, TILE = 32;

    static void current(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            for (int p0 = 0; p0 < kc; p0 += TILE) {
                int p1 = Math.min(kc, p0 + TILE);
                for (int j = 0; j < nr; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = p0; p < p1; p++) bp[base + p * NR + j] = b[src + p];
                }
                for (int j = nr; j < NR; j++) for (int p = p0; p < p1; p++) bp[base + p * NR + j] = 0f;
            }
        }
    }
    static void pOuter(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            int src0 = (jc + jr) * k + pc;
            for (int p = 0; p < kc; p++) {
                int dst = base + p * NR;
                int s = src0 + p;
                for (int j = 0; j < nr; j++) bp[dst + j] = b[s + j * k];
                for (int j = nr; j < NR; j++) bp[dst + j] = 0f;
            }
        }
    }
    static void fourRows(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            for (int p0 = 0; p0 < kc; p0 += TILE) {
                int p1 = Math.min(kc, p0 + TILE);
                int j = 0;
                for (; j + 4 <= nr; j += 4) {
                    int s0 = (jc + jr + j) * k + pc, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
                    for (int p = p0; p < p1; p++) {
                        int d = base + p * NR + j;
                        bp[d] = b[s0 + p]; bp[d + 1] = b[s1 + p]; bp[d + 2] = b[s2 + p]; bp[d + 3] = b[s3 + p];
                    }
                }
                for (; j < nr; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = p0; p < p1; p++) bp[base + p * NR + j] = b[src + p];
                }
                for (j = nr; j < NR; j++) for (int p = p0; p < p1; p++) bp[base + p * NR + j] = 0f;
            }
        }
    }
    static void gather(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp, int[] map) {
        for (int i = 0; i < L; i++) map[i] = i * k;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            int src0 = (jc + jr) * k + pc;
            if (nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    FloatVector.fromArray(S, b, src0 + p, map, 0).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src0 + L * k + p, map, 0).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    for (int j = 0; j < nr; j++) bp[dst + j] = b[src0 + p + j * k];
                    for (int j = nr; j < NR; j++) bp[dst + j] = 0f;
                }
            }
        }
    }


    // Block transpose by stages: an L x L tile of (L rows of b) x (L depths) in scratch, then log2(L) stages that swap
    // the off-diagonal w x w blocks of every 2w x 2w block with one rearrange and one blend per row.
    static final int STAGES = Integer.numberOfTrailingZeros(L);
    static final VectorShuffle<Float>[] FROM_BELOW = new VectorShuffle[STAGES], FROM_ABOVE = new VectorShuffle[STAGES];
    static final VectorMask<Float>[] ODD_BLOCKS = new VectorMask[STAGES], EVEN_BLOCKS = new VectorMask[STAGES];
    static {
        for (int s = 0; s < STAGES; s++) {
            int w = L >> (s + 1);
            int[] below = new int[L], above = new int[L];
            boolean[] odd = new boolean[L], even = new boolean[L];
            for (int c = 0; c < L; c++) {
                below[c] = ((c / w) % 2 == 1) ? c - w : c;
                above[c] = ((c / w) % 2 == 0) ? c + w : c;
                odd[c] = (c / w) % 2 == 1;
                even[c] = !odd[c];
            }
            FROM_BELOW[s] = VectorShuffle.fromArray(S, below, 0);
            FROM_ABOVE[s] = VectorShuffle.fromArray(S, above, 0);
            ODD_BLOCKS[s] = VectorMask.fromArray(S, odd, 0);
            EVEN_BLOCKS[s] = VectorMask.fromArray(S, even, 0);
        }
    }
    static void staged(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp, float[] t) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            int pv = nr == NR ? kc - kc % L : 0;
            for (int half = 0; half < NR; half += L) {
                int row0 = (jc + jr + half) * k + pc;
                for (int p0 = 0; p0 < pv; p0 += L) {
                    for (int r = 0; r < L; r++) {
                        FloatVector.fromArray(S, b, row0 + r * k + p0).intoArray(t, r * L);
                    }
                    for (int s = 0; s < STAGES; s++) {
                        int w = L >> (s + 1);
                        VectorShuffle<Float> fromBelow = FROM_BELOW[s], fromAbove = FROM_ABOVE[s];
                        VectorMask<Float> odd = ODD_BLOCKS[s], even = EVEN_BLOCKS[s];
                        for (int r = 0; r < L; r++) {
                            if ((r / w) % 2 == 1) continue;
                            FloatVector x = FloatVector.fromArray(S, t, r * L);
                            FloatVector y = FloatVector.fromArray(S, t, (r + w) * L);
                            x.blend(y.rearrange(fromBelow), odd).intoArray(t, r * L);
                            y.blend(x.rearrange(fromAbove), even).intoArray(t, (r + w) * L);
                        }
                    }
                    for (int q = 0; q < L; q++) {
                        FloatVector.fromArray(S, t, q * L).intoArray(bp, base + (p0 + q) * NR + half);
                    }
                }
            }
            for (int j = 0; j < nr; j++) {
                int src = (jc + jr + j) * k + pc;
                for (int p = pv; p < kc; p++) bp[base + p * NR + j] = b[src + p];
            }
            for (int j = nr; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + p * NR + j] = 0f;
        }
    }


    static VectorShuffle<Float> shuffle(int w, boolean fromBelow) {
        int[] idx = new int[L];
        for (int c = 0; c < L; c++) idx[c] = fromBelow ? ((c / w) % 2 == 1 ? c - w : c) : ((c / w) % 2 == 0 ? c + w : c);
        return VectorShuffle.fromArray(S, idx, 0);
    }
    static VectorMask<Float> oddBlocks(int w, boolean odd) {
        boolean[] m = new boolean[L];
        for (int c = 0; c < L; c++) m[c] = ((c / w) % 2 == 1) == odd;
        return VectorMask.fromArray(S, m, 0);
    }
    static final VectorShuffle<Float> BELOW8 = shuffle(8, true), ABOVE8 = shuffle(8, false);
    static final VectorMask<Float> ODD8 = oddBlocks(8, true), EVEN8 = oddBlocks(8, false);
    static final VectorShuffle<Float> BELOW4 = shuffle(4, true), ABOVE4 = shuffle(4, false);
    static final VectorMask<Float> ODD4 = oddBlocks(4, true), EVEN4 = oddBlocks(4, false);
    static final VectorShuffle<Float> BELOW2 = shuffle(2, true), ABOVE2 = shuffle(2, false);
    static final VectorMask<Float> ODD2 = oddBlocks(2, true), EVEN2 = oddBlocks(2, false);
    static final VectorShuffle<Float> BELOW1 = shuffle(1, true), ABOVE1 = shuffle(1, false);
    static final VectorMask<Float> ODD1 = oddBlocks(1, true), EVEN1 = oddBlocks(1, false);
    static void regs(float[] b, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), base = jr * kc;
            int pv = nr == NR ? kc - kc % L : 0;
            for (int half = 0; half < NR; half += L) {
                int row0 = (jc + jr + half) * k + pc;
                for (int p0 = 0; p0 < pv; p0 += L) {
                    FloatVector v0 = FloatVector.fromArray(S, b, row0 + 0 * k + p0);
                    FloatVector v1 = FloatVector.fromArray(S, b, row0 + 1 * k + p0);
                    FloatVector v2 = FloatVector.fromArray(S, b, row0 + 2 * k + p0);
                    FloatVector v3 = FloatVector.fromArray(S, b, row0 + 3 * k + p0);
                    FloatVector v4 = FloatVector.fromArray(S, b, row0 + 4 * k + p0);
                    FloatVector v5 = FloatVector.fromArray(S, b, row0 + 5 * k + p0);
                    FloatVector v6 = FloatVector.fromArray(S, b, row0 + 6 * k + p0);
                    FloatVector v7 = FloatVector.fromArray(S, b, row0 + 7 * k + p0);
                    FloatVector v8 = FloatVector.fromArray(S, b, row0 + 8 * k + p0);
                    FloatVector v9 = FloatVector.fromArray(S, b, row0 + 9 * k + p0);
                    FloatVector v10 = FloatVector.fromArray(S, b, row0 + 10 * k + p0);
                    FloatVector v11 = FloatVector.fromArray(S, b, row0 + 11 * k + p0);
                    FloatVector v12 = FloatVector.fromArray(S, b, row0 + 12 * k + p0);
                    FloatVector v13 = FloatVector.fromArray(S, b, row0 + 13 * k + p0);
                    FloatVector v14 = FloatVector.fromArray(S, b, row0 + 14 * k + p0);
                    FloatVector v15 = FloatVector.fromArray(S, b, row0 + 15 * k + p0);
                    FloatVector u0_0 = v0.blend(v8.rearrange(BELOW8), ODD8);
                    FloatVector u0_8 = v8.blend(v0.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_1 = v1.blend(v9.rearrange(BELOW8), ODD8);
                    FloatVector u0_9 = v9.blend(v1.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_2 = v2.blend(v10.rearrange(BELOW8), ODD8);
                    FloatVector u0_10 = v10.blend(v2.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_3 = v3.blend(v11.rearrange(BELOW8), ODD8);
                    FloatVector u0_11 = v11.blend(v3.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_4 = v4.blend(v12.rearrange(BELOW8), ODD8);
                    FloatVector u0_12 = v12.blend(v4.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_5 = v5.blend(v13.rearrange(BELOW8), ODD8);
                    FloatVector u0_13 = v13.blend(v5.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_6 = v6.blend(v14.rearrange(BELOW8), ODD8);
                    FloatVector u0_14 = v14.blend(v6.rearrange(ABOVE8), EVEN8);
                    FloatVector u0_7 = v7.blend(v15.rearrange(BELOW8), ODD8);
                    FloatVector u0_15 = v15.blend(v7.rearrange(ABOVE8), EVEN8);
                    FloatVector u1_0 = u0_0.blend(u0_4.rearrange(BELOW4), ODD4);
                    FloatVector u1_4 = u0_4.blend(u0_0.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_1 = u0_1.blend(u0_5.rearrange(BELOW4), ODD4);
                    FloatVector u1_5 = u0_5.blend(u0_1.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_2 = u0_2.blend(u0_6.rearrange(BELOW4), ODD4);
                    FloatVector u1_6 = u0_6.blend(u0_2.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_3 = u0_3.blend(u0_7.rearrange(BELOW4), ODD4);
                    FloatVector u1_7 = u0_7.blend(u0_3.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_8 = u0_8.blend(u0_12.rearrange(BELOW4), ODD4);
                    FloatVector u1_12 = u0_12.blend(u0_8.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_9 = u0_9.blend(u0_13.rearrange(BELOW4), ODD4);
                    FloatVector u1_13 = u0_13.blend(u0_9.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_10 = u0_10.blend(u0_14.rearrange(BELOW4), ODD4);
                    FloatVector u1_14 = u0_14.blend(u0_10.rearrange(ABOVE4), EVEN4);
                    FloatVector u1_11 = u0_11.blend(u0_15.rearrange(BELOW4), ODD4);
                    FloatVector u1_15 = u0_15.blend(u0_11.rearrange(ABOVE4), EVEN4);
                    FloatVector u2_0 = u1_0.blend(u1_2.rearrange(BELOW2), ODD2);
                    FloatVector u2_2 = u1_2.blend(u1_0.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_1 = u1_1.blend(u1_3.rearrange(BELOW2), ODD2);
                    FloatVector u2_3 = u1_3.blend(u1_1.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_4 = u1_4.blend(u1_6.rearrange(BELOW2), ODD2);
                    FloatVector u2_6 = u1_6.blend(u1_4.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_5 = u1_5.blend(u1_7.rearrange(BELOW2), ODD2);
                    FloatVector u2_7 = u1_7.blend(u1_5.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_8 = u1_8.blend(u1_10.rearrange(BELOW2), ODD2);
                    FloatVector u2_10 = u1_10.blend(u1_8.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_9 = u1_9.blend(u1_11.rearrange(BELOW2), ODD2);
                    FloatVector u2_11 = u1_11.blend(u1_9.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_12 = u1_12.blend(u1_14.rearrange(BELOW2), ODD2);
                    FloatVector u2_14 = u1_14.blend(u1_12.rearrange(ABOVE2), EVEN2);
                    FloatVector u2_13 = u1_13.blend(u1_15.rearrange(BELOW2), ODD2);
                    FloatVector u2_15 = u1_15.blend(u1_13.rearrange(ABOVE2), EVEN2);
                    FloatVector u3_0 = u2_0.blend(u2_1.rearrange(BELOW1), ODD1);
                    FloatVector u3_1 = u2_1.blend(u2_0.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_2 = u2_2.blend(u2_3.rearrange(BELOW1), ODD1);
                    FloatVector u3_3 = u2_3.blend(u2_2.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_4 = u2_4.blend(u2_5.rearrange(BELOW1), ODD1);
                    FloatVector u3_5 = u2_5.blend(u2_4.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_6 = u2_6.blend(u2_7.rearrange(BELOW1), ODD1);
                    FloatVector u3_7 = u2_7.blend(u2_6.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_8 = u2_8.blend(u2_9.rearrange(BELOW1), ODD1);
                    FloatVector u3_9 = u2_9.blend(u2_8.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_10 = u2_10.blend(u2_11.rearrange(BELOW1), ODD1);
                    FloatVector u3_11 = u2_11.blend(u2_10.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_12 = u2_12.blend(u2_13.rearrange(BELOW1), ODD1);
                    FloatVector u3_13 = u2_13.blend(u2_12.rearrange(ABOVE1), EVEN1);
                    FloatVector u3_14 = u2_14.blend(u2_15.rearrange(BELOW1), ODD1);
                    FloatVector u3_15 = u2_15.blend(u2_14.rearrange(ABOVE1), EVEN1);
                    u3_0.intoArray(bp, base + (p0 + 0) * NR + half);
                    u3_1.intoArray(bp, base + (p0 + 1) * NR + half);
                    u3_2.intoArray(bp, base + (p0 + 2) * NR + half);
                    u3_3.intoArray(bp, base + (p0 + 3) * NR + half);
                    u3_4.intoArray(bp, base + (p0 + 4) * NR + half);
                    u3_5.intoArray(bp, base + (p0 + 5) * NR + half);
                    u3_6.intoArray(bp, base + (p0 + 6) * NR + half);
                    u3_7.intoArray(bp, base + (p0 + 7) * NR + half);
                    u3_8.intoArray(bp, base + (p0 + 8) * NR + half);
                    u3_9.intoArray(bp, base + (p0 + 9) * NR + half);
                    u3_10.intoArray(bp, base + (p0 + 10) * NR + half);
                    u3_11.intoArray(bp, base + (p0 + 11) * NR + half);
                    u3_12.intoArray(bp, base + (p0 + 12) * NR + half);
                    u3_13.intoArray(bp, base + (p0 + 13) * NR + half);
                    u3_14.intoArray(bp, base + (p0 + 14) * NR + half);
                    u3_15.intoArray(bp, base + (p0 + 15) * NR + half);
                }
            }
            for (int j = 0; j < nr; j++) {
                int src = (jc + jr + j) * k + pc;
                for (int p = pv; p < kc; p++) bp[base + p * NR + j] = b[src + p];
            }
            for (int j = nr; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + p * NR + j] = 0f;
        }
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]);
        float[] b = new float[n * k]; for (int i = 0; i < b.length; i++) b[i] = i;
        int panels = (n + NR - 1) / NR;
        float[] ref = new float[panels * NR * k], bp = new float[ref.length];
        current(b, n, k, 0, k, 0, n, ref);
        String[] names = Arrays.copyOfRange(args, 2, args.length);
        float[] scratch = new float[L * L];
        List<List<Long>> t = new ArrayList<>(); for (String s : names) t.add(new ArrayList<>());
        int[] map = new int[L];
        for (int round = 0; round < 400; round++) {
            for (int v = 0; v < names.length; v++) {
                Arrays.fill(bp, -1f);
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    switch (names[v]) {
                        case "current" -> current(b, n, k, 0, k, 0, n, bp);
                        case "pOuter" -> pOuter(b, n, k, 0, k, 0, n, bp);
                        case "fourRows" -> fourRows(b, n, k, 0, k, 0, n, bp);
                        case "gather" -> gather(b, n, k, 0, k, 0, n, bp, map);
                        case "staged" -> staged(b, n, k, 0, k, 0, n, bp, scratch);
                        case "regs" -> regs(b, n, k, 0, k, 0, n, bp);
                        default -> throw new IllegalArgumentException("no variant " + names[v]);
                    }
                    long dt = System.nanoTime() - t0;
                    if (round >= 100) t.get(v).add(dt);
                }
                if (!Arrays.equals(ref, bp)) throw new AssertionError(names[v]);
            }
        }
        for (int v = 0; v < names.length; v++) {
            long[] x = t.get(v).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%s %dx%d: median %.1f us%n", names[v], n, k, x[x.length / 2] / 1e3);
        }
    }
}
