package dev.scratchnet.simd;
import dev.scratchnet.tensor.Tensor;
import java.util.*;
public class SmAB {
    public static void main(String[] a) throws Exception {
        int m = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
        java.lang.reflect.Field f = VectorBackend.class.getDeclaredField(a[2]); f.setAccessible(true);
        VectorBackend b = new VectorBackend(1);
        Tensor z = new Tensor(m, n), y = new Tensor(m, n), g = new Tensor(m, n), g2 = new Tensor(m, n);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < m * n; i++) z.data()[i] = (float) r.nextDouble(-30, 30);
        for (int i = 0; i < m; i++) y.data()[i * n + r.nextInt(n)] = 1f;
        List<Long>[] L = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
        double[] loss = new double[2];
        for (int round = 0; round < 400; round++) for (int v = 0; v < 2; v++) {
            f.setBoolean(null, v == 1);
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) loss[v] = b.softmaxCrossEntropy(z, y, v == 0 ? g : g2);
            if (round > 80) L[v].add((System.nanoTime() - t0) / 100);
        }
        for (int v = 0; v < 2; v++) { long[] x = L[v].stream().mapToLong(Long::longValue).sorted().toArray(); System.out.printf("%dx%d %s=%b: %.2f us, loss %s%n", m, n, a[2], v == 1, x[x.length / 2] / 1e3, Double.toString(loss[v])); }
        System.out.println("same gradient bits: " + Arrays.equals(g.data(), g2.data()));
    }
}
