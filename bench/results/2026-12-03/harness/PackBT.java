package dev.scratchnet.simd;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Times MatmulKernel.packB with a transposed b (n × k) alone, all panels of one k block: PackBT N K. */
public class PackBT {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]);
        Method pack = MatmulKernel.class.getDeclaredMethod("packB", float[].class, boolean.class, int.class, int.class,
                int.class, int.class, int.class, int.class, float[].class, boolean.class);
        pack.setAccessible(true);
        float[] b = new float[n * k], bp = new float[(n + 64) * k];
        for (int i = 0; i < b.length; i++) b[i] = i;
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                pack.invoke(null, b, true, n, k, 0, k, 0, n, bp, false);
                long dt = System.nanoTime() - t0;
                if (round >= 60) times.add(dt);
            }
        }
        long[] x = times.stream().mapToLong(Long::longValue).sorted().toArray();
        double s = 0; for (float v : bp) s += v;
        System.out.printf("packB transposed %dx%d median %.1f us (check %.0f)%n", n, k, x[x.length / 2] / 1e3, s);
    }
}
