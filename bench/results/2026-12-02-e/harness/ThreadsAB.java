package dev.scratchnet.simd;
import java.util.*;
/** One product, one thread and two alternating every 20 calls in one JVM; medians. ThreadsAB M K N FORM ROUNDS */
public class ThreadsAB {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        boolean transA = args[3].contains("A"), transB = args[3].contains("B");
        int rounds = Integer.parseInt(args[4]);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        List<Long>[] t = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
        for (int round = 0; round < rounds; round++) {
            for (int mode = 0; mode < 2; mode++) {
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    MatmulKernel.multiply(a, transA, b, transB, c, m, n, k, mode + 1);
                    long dt = System.nanoTime() - t0;
                    if (round >= rounds / 5) t[mode].add(dt);
                }
            }
        }
        for (int mode = 0; mode < 2; mode++) { Collections.sort(t[mode]); }
        System.out.printf("%dx%dx%d %s  1T %.1f us  2T %.1f us  ratio %.2f%n", m, k, n, args[3],
            t[0].get(t[0].size() / 2) / 1e3, t[1].get(t[1].size() / 2) / 1e3,
            (double) t[0].get(t[0].size() / 2) / t[1].get(t[1].size() / 2));
    }
}
