package dev.scratchnet.simd;

import java.util.*;

/**
 * (From 2026-12-02, afternoon: -Dthreads=T computes the product on T threads; default 1. From the evening: FIELD
 * {@code threads} alternates one thread and two instead of a field.)
 * Alternates a static field of MatmulKernel (args[5], added for the experiment) every 20 calls of one product in
 * one JVM; medians per mode. Usage: PackAB M K N FORM ROUNDS FIELD [INT0 INT1], FORM P (a·b), A (aᵀ·b) or B (a·bᵀ);
 * a boolean field is false, then true; an int field takes INT0, then INT1.
 */
public class PackAB {
    public static void main(String[] args) throws Exception {
        boolean byThreads = args[5].equals("threads");
        java.lang.reflect.Field flag = byThreads ? null : MatmulKernel.class.getDeclaredField(args[5]);
        if (flag != null) flag.setAccessible(true);
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
                if (byThreads) { } else if (flag.getType() == int.class) flag.setInt(null, Integer.parseInt(args[6 + mode])); else flag.setBoolean(null, mode == 1);
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    MatmulKernel.multiply(a, transA, b, transB, c, m, n, k, byThreads ? mode + 1 : Integer.getInteger("threads", 1));
                    long dt = System.nanoTime() - t0;
                    if (round >= rounds / 5) t[mode].add(dt);
                }
            }
        }
        double f = 2.0 * m * n * k;
        for (int mode = 0; mode < 2; mode++) {
            long[] x = t[mode].stream().mapToLong(Long::longValue).sorted().toArray();
            double med = x[x.length / 2] / 1e3;
            System.out.printf("%s %dx%dx%d " + args[5] + "=%b median %.1f us (%.1f GFLOPS), p25 %.1f p75 %.1f%n", args[3], m, k, n,
                    mode == 1, med, f / med / 1e3, x[x.length / 4] / 1e3, x[3 * x.length / 4] / 1e3);
        }
    }
}
