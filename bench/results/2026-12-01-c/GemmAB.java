package dev.scratchnet.simd;
import java.util.Arrays;
public class GemmAB {
    public static void main(String[] args) throws Exception {
        int m = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
        java.lang.reflect.Field f = MatmulKernel.class.getDeclaredField(args[4]); f.setAccessible(true);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 13) * 0.1f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 7) * 0.1f;
        long[][] t = new long[2][reps];
        int[] cnt = new int[2];
        for (int rep = 0; rep < 2 * reps; rep++) {
            int mode = (rep / 5) % 2;
            f.setBoolean(null, mode == 1);
            long t0 = System.nanoTime();
            MatmulKernel.multiply(a, false, b, false, c, m, n, k, 1);
            long dt = System.nanoTime() - t0;
            if (cnt[mode] < reps) t[mode][cnt[mode]++] = dt;
        }
        for (int mode = 0; mode < 2; mode++) {
            long[] x = Arrays.copyOfRange(t[mode], reps / 4, cnt[mode]); Arrays.sort(x);
            System.out.printf("%dx%dx%d %s=%b: median %.1f GFLOPS%n", m, k, n, args[4], mode == 1, 2.0 * m * n * k / x[x.length / 2]);
        }
    }
}
