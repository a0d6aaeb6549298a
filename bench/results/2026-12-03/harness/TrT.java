import java.util.*;
import jdk.incubator.vector.*;

/** Variants of packB's transposition (b is n × k; panels NR wide), timed alternately in one JVM. */
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
    static int[] MAP = new int[L];
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

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]);
        float[] b = new float[n * k]; for (int i = 0; i < b.length; i++) b[i] = i;
        int panels = (n + NR - 1) / NR;
        float[] ref = new float[panels * NR * k], bp = new float[ref.length];
        current(b, n, k, 0, k, 0, n, ref);
        String[] names = {"current", "pOuter", "fourRows", "gather"};
        List<List<Long>> t = new ArrayList<>(); for (String s : names) t.add(new ArrayList<>());
        int[] map = new int[L];
        for (int round = 0; round < 400; round++) {
            for (int v = 0; v < names.length; v++) {
                Arrays.fill(bp, -1f);
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    switch (v) {
                        case 0 -> current(b, n, k, 0, k, 0, n, bp);
                        case 1 -> pOuter(b, n, k, 0, k, 0, n, bp);
                        case 2 -> fourRows(b, n, k, 0, k, 0, n, bp);
                        default -> gather(b, n, k, 0, k, 0, n, bp, map);
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
