import dev.scratchnet.data.*;
import java.nio.file.Path;
import java.util.*;

/** fillBatch against a copy that first touches the rows a few ahead, alternating per round in one JVM. */
public class GatherAB {
    static int sink;
    static void fillAhead(float[] x, int in, int[] order, int start, float[] bx, int n, int ahead) {
        for (int row = 0; row < n; row++) {
            if (row + ahead < n) {
                int e = order[start + row + ahead];
                sink += Float.floatToRawIntBits(x[e * in]) + Float.floatToRawIntBits(x[e * in + 400]);
            }
            System.arraycopy(x, order[start + row] * in, bx, row * in, in);
        }
    }
    static void fillTouchAll(float[] x, int in, int[] order, int start, float[] bx, int n) {
        int s = 0;
        for (int row = 0; row < n; row++) {
            int e = order[start + row];
            for (int off = 0; off < in; off += 16) s += Float.floatToRawIntBits(x[e * in + off]);
        }
        sink += s;
        for (int row = 0; row < n; row++) System.arraycopy(x, order[start + row] * in, bx, row * in, in);
    }
    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]), ahead = Integer.parseInt(args[1]);
        float[][] rows = new float[60000][784];
        Random r = new Random(1);
        float[] x = new float[60000 * 784];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int n = 60000, in = 784;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        float[] bx = new float[batch * in];
        List<Double>[] res = new List[] {new ArrayList<>(), new ArrayList<>(), new ArrayList<>()};
        for (int round = 0; round < 30; round++) {
            int mode = round % 3;
            for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            long[] t = new long[n / batch];
            for (int s = 0; s < t.length; s++) {
                long t0 = System.nanoTime();
                if (mode == 0) for (int row = 0; row < batch; row++) System.arraycopy(x, order[s * batch + row] * in, bx, row * in, in);
                else if (mode == 1) fillAhead(x, in, order, s * batch, bx, batch, ahead);
                else fillTouchAll(x, in, order, s * batch, bx, batch);
                t[s] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            if (round >= 3) res[mode].add(t[t.length / 2] / 1e3);
        }
        for (int m = 0; m < 3; m++) { Collections.sort(res[m]); System.out.printf("mode %d (%s) median %.1f us %s%n", m, new String[]{"plain","ahead","touch all first"}[m], res[m].get(res[m].size() / 2), res[m]); }
    }
}
