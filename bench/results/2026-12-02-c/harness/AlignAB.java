package dev.scratchnet.simd;
import java.lang.reflect.*;
import java.util.*;
/** The eight-row tile over a packed B block whose start is 64-byte aligned, or `shift` floats past that, alternating. */
public class AlignAB {
    public static void main(String[] args) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true);
        sun.misc.Unsafe U = (sun.misc.Unsafe) f.get(null);
        int kc = Integer.parseInt(args[0]), panels = Integer.parseInt(args[1]), shift = Integer.parseInt(args[2]), rounds = Integer.parseInt(args[3]);
        int NR = MatmulKernel.NR, lda = 784, rows = 128;
        float[] a = new float[rows * lda];
        float[] bp = new float[kc * NR * panels + 64];
        float[] c = new float[rows * NR * panels + 64];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextDouble(-1, 1);
        List<Long>[] t = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
        for (int round = 0; round < rounds; round++) {
            for (int mode = 0; mode < 2; mode++) {
                // where bp's data is now (it may move at a GC): the first 64-byte aligned float, plus shift in mode 1
                Object[] h = {bp};
                long addr = ((U.getInt(h, (long) U.arrayBaseOffset(Object[].class)) & 0xFFFFFFFFL) << 3) + U.arrayBaseOffset(float[].class);
                int base = (int) (((64 - addr % 64) % 64) / 4) + (mode == 1 ? shift : 0);
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    for (int ir = 0; ir < rows; ir += 8) {
                        for (int jr = 0; jr < panels; jr++) {
                            EightRowTile.kernelRowsPacked(kc, a, ir * lda, lda, bp, base + jr * kc * NR, c, ir * NR * panels + jr * NR, NR * panels);
                        }
                    }
                    long dt = System.nanoTime() - t0;
                    if (round >= rounds / 5) t[mode].add(dt);
                }
            }
        }
        double flops = 2.0 * rows * kc * NR * panels;
        for (int mode = 0; mode < 2; mode++) {
            long[] x = t[mode].stream().mapToLong(Long::longValue).sorted().toArray();
            double med = x[x.length / 2] / 1e3;
            System.out.printf("kc=%d panels=%d B %s: median %.1f us (%.1f GFLOPS), p25 %.1f p75 %.1f%n", kc, panels,
                mode == 0 ? "64-byte aligned" : "aligned + " + shift + " floats", med, flops / med / 1e3, x[x.length / 4] / 1e3, x[3 * x.length / 4] / 1e3);
        }
    }
}
