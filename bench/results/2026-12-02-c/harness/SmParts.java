package dev.scratchnet.simd;
import java.util.*;
public class SmParts {
    static final float MIN = -87.33654f;
    static double run(float[] z, float[] y, float[] grad, int m, int n, float invBatch, int variant) {
        double loss = 0;
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, z[row + j]);
            for (int j = 0; j < n; j++) {
                float shifted = z[row + j] - max;
                float yj = y[row + j];
                if (yj != 0f) loss -= yj * shifted;
                grad[row + j] = variant == 2 ? shifted : VectorExp.exp(shifted, 1f, 0f, MIN);
            }
        }
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float sum = 0f, targetSum = 0f;
            for (int j = 0; j < n; j++) { sum += grad[row + j]; targetSum += y[row + j]; }
            loss += targetSum * (variant == 1 ? sum : StrictMath.log(sum));
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) grad[row + j] = (grad[row + j] * inv - y[row + j]) * invBatch;
        }
        return loss;
    }
    public static void main(String[] a) {
        int m = 64, n = 10;
        float[] z = new float[m * n], y = new float[m * n], g = new float[m * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < m * n; i++) z[i] = (float) r.nextDouble(-3, 3);
        for (int i = 0; i < m; i++) y[i * n + r.nextInt(n)] = 1f;
        double s = 0; long[][] t = new long[3][];
        for (int v = 0; v < 3; v++) t[v] = new long[0];
        List<Long>[] L = new List[] {new ArrayList<Long>(), new ArrayList<Long>(), new ArrayList<Long>()};
        for (int round = 0; round < 300; round++) for (int v = 0; v < 3; v++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) s += run(z, y, g, m, n, 1f / m, v);
            if (round > 50) L[v].add((System.nanoTime() - t0) / 200);
        }
        String[] names = {"as is", "no log", "no exp"};
        for (int v = 0; v < 3; v++) { long[] x = L[v].stream().mapToLong(Long::longValue).sorted().toArray(); System.out.printf("%s: %.2f us%n", names[v], x[x.length / 2] / 1e3); }
        System.out.println(s);
    }
}
