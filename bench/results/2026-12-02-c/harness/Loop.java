package dev.scratchnet.simd;
import java.util.*;
public class Loop {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]), it = Integer.parseInt(args[3]);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        long[] t = new long[it];
        for (int i = 0; i < it; i++) { long t0 = System.nanoTime(); MatmulKernel.multiply(a, false, b, false, c, m, n, k, 1); t[i] = System.nanoTime() - t0; }
        long[] x = Arrays.copyOfRange(t, it / 2, it); Arrays.sort(x);
        System.out.printf("%dx%dx%d median %.1f us p25 %.1f p75 %.1f%n", m, k, n, x[x.length / 2] / 1e3, x[x.length / 4] / 1e3, x[3 * x.length / 4] / 1e3);
    }
}
