package dev.scratchnet.simd;
import java.util.Arrays;
public class Mom {
    static volatile float sink;
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        float[] w = new float[n], g = new float[n], v = new float[n];
        for (String mode : new String[] {"main-warm", "g-owned", "g-owned+w-read-by-main", "main-warm", "g-owned", "g-owned+w-read-by-main"}) {
            for (int threads = 1; threads <= 2; threads++) {
                long[] t = new long[2000];
                for (int r = 0; r < t.length; r++) {
                    if (!mode.equals("main-warm")) WorkerPool.run(2, s -> { for (int i = s * n / 2; i < (s + 1) * n / 2; i++) g[i] = 1e-3f * (i % 7); });
                    if (mode.endsWith("main")) { float s = 0; for (int i = 0; i < n; i += 16) s += w[i]; sink = s; }
                    long t0 = System.nanoTime();
                    OptimizerSteps.momentum(w, g, v, 0.01f, 0.9f, 0f, false, threads);
                    t[r] = System.nanoTime() - t0;
                }
                Arrays.sort(t, 500, 2000);
                System.out.printf("%-24s threads %d: %6.1f us%n", mode, threads, t[1250] / 1e3);
            }
        }
    }
}
