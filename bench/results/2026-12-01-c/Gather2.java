package dev.scratchnet.bench;
import java.util.*;
public class Gather2 {
    static float sinkF;
    static int points = Integer.getInteger("points", 2);
    static float TOUCH(float[] x, int e, int in) {
        float s = 0;
        for (int p = 0; p < points; p++) s += x[e + p * in / points];
        return s;
    }
    public static void main(String[] args) {
        int n = 60000, in = 784, bs = Integer.parseInt(args[0]), ahead = Integer.parseInt(args[1]);
        float[] x = new float[n * in];
        for (int i = 0; i < x.length; i++) x[i] = (i % 255) / 255f;
        float[] bx = new float[bs * in];
        int[] order = new int[n]; for (int i = 0; i < n; i++) order[i] = i;
        Random r = new Random(1); for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
        for (int mode = 0; mode < 2; mode++) for (int pass = 0; pass < 2; pass++) {
            long[] t = new long[3 * (n / bs)]; int c = 0;
            for (int ep = 0; ep < 3; ep++) for (int b = 0; b + bs <= n; b += bs) {
                long t0 = System.nanoTime();
                if (mode == 0) {
                    for (int row = 0; row < bs; row++) System.arraycopy(x, order[b + row] * in, bx, row * in, in);
                } else {
                    float s = 0;
                    for (int row = 0; row < Math.min(ahead, bs); row++) { int e = order[b + row] * in; s += TOUCH(x, e, in); }
                    for (int row = 0; row < bs; row++) {
                        if (row + ahead < bs) { int e = order[b + row + ahead] * in; s += TOUCH(x, e, in); }
                        System.arraycopy(x, order[b + row] * in, bx, row * in, in);
                    }
                    sinkF += s;
                }
                t[c++] = System.nanoTime() - t0;
            }
            long[] q = Arrays.copyOfRange(t, c / 3, c); Arrays.sort(q);
            if (pass == 1) System.out.printf("batch %d %s: median %.1f us%n", bs, mode == 0 ? "plain" : "touch " + ahead + " rows ahead", q[q.length / 2] / 1e3);
        }
    }
}
