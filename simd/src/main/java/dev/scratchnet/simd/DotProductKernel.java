package dev.scratchnet.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = a · bᵀ as dot products, for products with a long k and a narrow C: the weight gradient of a
 * convolution, (∂L/∂W)ᵀ = X·δᵀ, where k is every window position of a group of examples (thousands) and C
 * is only c·k·k × F (25 × 20 or 500 × 40 in the course CNN).
 *
 * <p>{@link MatmulKernel}'s tiles are 2L columns wide, so an output 20 or 40 wide runs mostly in its
 * slower edge tiles, and a transposed b must first be transposed into panels. Here rows of a and rows of
 * b are both read in place, since both are contiguous along k: a 4 × 4 tile of C keeps 16 vector
 * accumulators, and each step of L along k loads 4 + 4 vectors for 16 fma.
 *
 * <p>Every output is summed the same way whichever tile (or thread) computes it: lane i adds the products
 * at p ≡ i (mod L) in order of p, the lanes are added in {@link Lanes#sum}'s fixed order, then the last
 * k mod L products one by one. So results do not depend on the thread count or on the JIT.
 */
final class DotProductKernel {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();

    /** Outputs at most this wide go here: wider ones fill {@link MatmulKernel}'s tiles well. */
    static final int MAX_N = 64;
    /**
     * And k at least this long, so that the 16 lane sums at the end of a tile are a small part of its work:
     * at k = 1024 (the second layer's group, 500 × 40) this kernel took 741 µs against MatmulKernel's 346,
     * at k = 18,432 (the first layer's, 25 × 20) 281 against 495 (docs/benchmarks.md).
     */
    static final int MIN_K = 4096;

    /** Per thread: the 16 accumulators of a tile, L lanes each, on their way to {@link Lanes#sum}. */
    private static final ThreadLocal<float[]> TILE_SUMS = ThreadLocal.withInitial(() -> new float[16 * L]);

    private DotProductKernel() {
    }

    /** @return whether an a·bᵀ product of this shape goes to this kernel */
    static boolean suits(int n, int k) {
        return n <= MAX_N && k >= MIN_K;
    }

    /**
     * Computes rows [r0, r1) and columns [c0, c1) of C = a · bᵀ, overwriting them.
     *
     * @param a a (m × k)
     * @param b b (n × k)
     * @param c C (m × n)
     */
    static void compute(float[] a, float[] b, float[] c, int n, int k, int r0, int r1, int c0, int c1) {
        float[] lanes = Lanes.scratch();
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
            int j = c0;
            for (; j + 4 <= c1; j += 4) {
                tile4x4(a, b, c, n, k, i, j, lanes);
            }
            for (; j < c1; j++) {
                for (int r = i; r < i + 4; r++) {
                    c[r * n + j] = dot(a, r * k, b, j * k, k, lanes);
                }
            }
        }
        for (; i < r1; i++) {
            for (int j = c0; j < c1; j++) {
                c[i * n + j] = dot(a, i * k, b, j * k, k, lanes);
            }
        }
    }

    /** One dot product of length k, summed as the class comment says; the edges of C use it. */
    private static float dot(float[] a, int aOff, float[] b, int bOff, int k, float[] lanes) {
        int kv = SPECIES.loopBound(k);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < kv; p += L) {
            acc = FloatVector.fromArray(SPECIES, a, aOff + p).fma(FloatVector.fromArray(SPECIES, b, bOff + p), acc);
        }
        ((FloatVector) acc.check(SPECIES)).intoArray(lanes, 0);
        return tail(Lanes.sum(lanes), a, aOff, b, bOff, kv, k);
    }

    /** @return sum + Σ a[aOff + p]·b[bOff + p] for p in [from, to), one product at a time */
    private static float tail(float sum, float[] a, int aOff, float[] b, int bOff, int from, int to) {
        for (int p = from; p < to; p++) {
            sum += a[aOff + p] * b[bOff + p];
        }
        return sum;
    }

    /** C[i..i+4)[j..j+4): rows i… of a against rows j… of b, 16 accumulators. */
    private static void tile4x4(float[] a, float[] b, float[] c, int n, int k, int i, int j, float[] lanes) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        int kv = SPECIES.loopBound(k);
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00,
                c10 = c00, c11 = c00, c12 = c00, c13 = c00,
                c20 = c00, c21 = c00, c22 = c00, c23 = c00,
                c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int p = 0; p < kv; p += L) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + p), x1 = FloatVector.fromArray(SPECIES, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + p), x3 = FloatVector.fromArray(SPECIES, a, a3 + p);
            FloatVector y0 = FloatVector.fromArray(SPECIES, b, b0 + p), y1 = FloatVector.fromArray(SPECIES, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(SPECIES, b, b2 + p), y3 = FloatVector.fromArray(SPECIES, b, b3 + p);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c02 = x0.fma(y2, c02);
            c03 = x0.fma(y3, c03);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
            c12 = x1.fma(y2, c12);
            c13 = x1.fma(y3, c13);
            c20 = x2.fma(y0, c20);
            c21 = x2.fma(y1, c21);
            c22 = x2.fma(y2, c22);
            c23 = x2.fma(y3, c23);
            c30 = x3.fma(y0, c30);
            c31 = x3.fma(y1, c31);
            c32 = x3.fma(y2, c32);
            c33 = x3.fma(y3, c33);
        }
        // The accumulators leave through an array, never as arguments: a vector passed to a method that C2
        // does not inline is boxed. Accumulator (r, q) goes to sums[(4r + q)·L …].
        float[] sums = TILE_SUMS.get();
        ((FloatVector) c00.check(SPECIES)).intoArray(sums, 0 * L);
        ((FloatVector) c01.check(SPECIES)).intoArray(sums, 1 * L);
        ((FloatVector) c02.check(SPECIES)).intoArray(sums, 2 * L);
        ((FloatVector) c03.check(SPECIES)).intoArray(sums, 3 * L);
        ((FloatVector) c10.check(SPECIES)).intoArray(sums, 4 * L);
        ((FloatVector) c11.check(SPECIES)).intoArray(sums, 5 * L);
        ((FloatVector) c12.check(SPECIES)).intoArray(sums, 6 * L);
        ((FloatVector) c13.check(SPECIES)).intoArray(sums, 7 * L);
        ((FloatVector) c20.check(SPECIES)).intoArray(sums, 8 * L);
        ((FloatVector) c21.check(SPECIES)).intoArray(sums, 9 * L);
        ((FloatVector) c22.check(SPECIES)).intoArray(sums, 10 * L);
        ((FloatVector) c23.check(SPECIES)).intoArray(sums, 11 * L);
        ((FloatVector) c30.check(SPECIES)).intoArray(sums, 12 * L);
        ((FloatVector) c31.check(SPECIES)).intoArray(sums, 13 * L);
        ((FloatVector) c32.check(SPECIES)).intoArray(sums, 14 * L);
        ((FloatVector) c33.check(SPECIES)).intoArray(sums, 15 * L);
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 4; q++) {
                System.arraycopy(sums, (4 * r + q) * L, lanes, 0, L);
                c[(i + r) * n + j + q] = tail(Lanes.sum(lanes), a, a0 + r * k, b, b0 + q * k, kv, k);
            }
        }
    }
}
