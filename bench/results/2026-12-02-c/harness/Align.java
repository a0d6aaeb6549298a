package dev.scratchnet.simd;
import java.lang.reflect.*;
import java.util.*;
public class Align {
    static sun.misc.Unsafe U;
    static long addr(Object o) {
        Object[] h = {o};
        long base = U.arrayBaseOffset(Object[].class);
        return (U.getInt(h, base) & 0xFFFFFFFFL) << 3;
    }
    public static void main(String[] args) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true); U = (sun.misc.Unsafe) f.get(null);
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]), it = Integer.parseInt(args[3]);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        MatmulKernel.multiply(a, false, b, false, c, m, n, k, 1);
        Field ws = MatmulKernel.class.getDeclaredField("WORKSPACE"); ws.setAccessible(true);
        Object w = ((ThreadLocal<?>) ws.get(null)).get();
        Field fb = w.getClass().getDeclaredField("b"); fb.setAccessible(true);
        Field fa = w.getClass().getDeclaredField("a"); fa.setAccessible(true);
        long[] t = new long[it];
        for (int i = 0; i < it; i++) { long t0 = System.nanoTime(); MatmulKernel.multiply(a, false, b, false, c, m, n, k, 1); t[i] = System.nanoTime() - t0; }
        long[] x = Arrays.copyOfRange(t, it / 2, it); Arrays.sort(x);
        long off = U.arrayBaseOffset(float[].class);
        System.out.printf("%dx%dx%d median %.1f us | data mod 64: ws.b %d ws.a %d a %d b %d c %d%n", m, k, n, x[x.length / 2] / 1e3,
            (addr(fb.get(w)) + off) % 64, (addr(fa.get(w)) + off) % 64, (addr(a) + off) % 64, (addr(b) + off) % 64, (addr(c) + off) % 64);
    }
}
