package dev.scratchnet.simd;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Times MatmulKernel.packTransposedA alone: the whole of a transposed a (k × m) packed into panels, as one call, 20
 * calls per round, rounds after the first fifth counted; prints the median. Usage: PackT M K. Compile in a folder with
 * javac -cp JAR -d . PackT.java; run java --add-modules jdk.incubator.vector -cp JAR:. dev.scratchnet.simd.PackT 64 784
 * (add -XX:UseAVX=2 for the six-row tile's row-by-row panels). The figures of 2026-12-02 night came from an earlier
 * form that switched the experimental variants by static fields in one JVM (the README says which).
 */
public class PackT {
    public static void main(String[] args) throws Exception {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]);
        Method pack = MatmulKernel.class.getDeclaredMethod("packTransposedA", float[].class, int.class, int.class,
                int.class, int.class, int.class, float[].class, int.class);
        pack.setAccessible(true);
        float[] a = new float[m * k], ap = new float[(m + 8) * (k + 16)];
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                pack.invoke(null, a, m, 0, m, 0, k, ap, 0);
                long dt = System.nanoTime() - t0;
                if (round >= 60) {
                    times.add(dt);
                }
            }
        }
        long[] x = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("packTransposedA %dx%d median %.1f us%n", k, m, x[x.length / 2] / 1e3);
    }
}
