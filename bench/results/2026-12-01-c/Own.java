package dev.scratchnet.simd;
import java.util.Arrays;
/** relu128's forward x·W (64×784·784×128) under realistic ownership: each core writes its half of x's columns and of W's rows. */
public class Own {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        float[] x = new float[m * k], w = new float[k * n], c = new float[m * n];
        for (int round = 0; round < 2; round++)
        for (String mode : new String[] {"1t, all main", "2t, owned halves", "2t, all main"}) {
            long[] t = new long[3000], tf = new long[3000];
            for (int r = 0; r < t.length; r++) {
                final int rr = r;
                long f0 = System.nanoTime();
                if (mode.startsWith("2t, owned")) {
                    WorkerPool.run(2, s -> {
                        for (int i = 0; i < m; i++) for (int j = s * k / 2; j < (s + 1) * k / 2; j++) x[i * k + j] = (i + j + rr) % 5;
                        for (int i = s * w.length / 2; i < (s + 1) * w.length / 2; i++) w[i] = (i + rr) % 3;
                    });
                } else {
                    for (int i = 0; i < x.length; i++) x[i] = (i + rr) % 5;
                    for (int i = 0; i < w.length; i++) w[i] = (i + rr) % 3;
                }
                long t0 = System.nanoTime();
                MatmulKernel.multiply(x, false, w, false, c, m, n, k, mode.startsWith("1t") ? 1 : 2);
                t[r] = System.nanoTime() - t0; tf[r] = t0 - f0;
            }
            Arrays.sort(t, 1000, 3000); Arrays.sort(tf, 1000, 3000);
            if (round == 1) System.out.printf("%-18s product %6.1f us   (fills %6.1f us)%n", mode, t[2000] / 1e3, tf[2000] / 1e3);
        }
    }
}
