package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of all three matrix products against a naive triple loop in double precision, on many
 * seeded random shapes and on shapes that sit just around every tile and block edge.
 *
 * <p>The tolerance is the textbook bound for a float dot product in any summation order, with or
 * without fma: |computed − exact| ≤ γ_k Σ_p |a_ip b_pj|, γ_k = k·u / (1 − k·u), u = 2⁻²⁴.
 */
class MatmulKernelTest {
    private static final int L = MatmulKernel.NR / 2;

    /** Shapes (m, k, n): random ones plus each tile and block edge ±1. */
    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> shapes = Stream.builder();
        SplittableRandom random = new SplittableRandom(20261125);
        for (int i = 0; i < 60; i++) {
            shapes.add(Arguments.of(1 + random.nextInt(200), 1 + random.nextInt(300), 1 + random.nextInt(200)));
        }
        int[] rowEdges = {1, MatmulKernel.MR - 1, MatmulKernel.MR, MatmulKernel.MR + 1,
            MatmulKernel.B_IN_PLACE_MAX_ROWS, MatmulKernel.B_IN_PLACE_MAX_ROWS + 1};
        int[] colEdges = {1, L - 1, L, L + 1, MatmulKernel.NR - 1, MatmulKernel.NR, MatmulKernel.NR + 1};
        int[] depthEdges = {1, 2, 37, MatmulKernel.KC - 1, MatmulKernel.KC, MatmulKernel.KC + 1};
        for (int m : rowEdges) {
            for (int n : colEdges) {
                shapes.add(Arguments.of(m, depthEdges[(m + n) % depthEdges.length], n));
            }
        }
        for (int k : depthEdges) {
            shapes.add(Arguments.of(MatmulKernel.MR + 3, k, MatmulKernel.NR + 5));
        }
        // Several k blocks, several column blocks (B block larger than its L2 budget), and large enough
        // to be split across threads.
        shapes.add(Arguments.of(9, 2 * MatmulKernel.KC + 3, 2 * L + 1));
        shapes.add(Arguments.of(19, 1000, 600));
        shapes.add(Arguments.of(MatmulKernel.B_IN_PLACE_MAX_ROWS + 3, 1000, 300));
        shapes.add(Arguments.of(300, 520, 70));
        shapes.add(Arguments.of(64, 784, 128));
        // A long transposed a read by several column blocks, packed once for all of them: in one k block and in three.
        shapes.add(Arguments.of(MatmulKernel.MR * 5 + 3, 600, 1000));
        shapes.add(Arguments.of(40, 2 * MatmulKernel.KC + 3, 400));
        // One panel and a narrow edge after it, done in one pass when A is read in rows and B is packed
        // (the CNN's second-layer weight gradient is 500 × 1,024 · (40 × 1,024)ᵀ); and two panels and an edge.
        shapes.add(Arguments.of(500, 1024, 40));
        shapes.add(Arguments.of(2 * MatmulKernel.MR + 3, 37, MatmulKernel.NR + L));
        shapes.add(Arguments.of(MatmulKernel.MR, 5, 2 * MatmulKernel.NR + 1));
        // a·bᵀ with a narrow C and a long k goes to DotProductKernel: its 4 × 4 tiles, their edges, a k
        // that is not a whole number of vectors, and the first shapes past its limits.
        int minK = DotProductKernel.MIN_K, maxN = DotProductKernel.MAX_N;
        shapes.add(Arguments.of(1, minK, 1));
        shapes.add(Arguments.of(7, minK + 1, 17));
        shapes.add(Arguments.of(25, 18432, 20));
        shapes.add(Arguments.of(33, minK + L + 3, maxN));
        shapes.add(Arguments.of(5, minK - 1, 9));
        shapes.add(Arguments.of(6, minK + 5, maxN + 1));
        shapes.add(Arguments.of(96, 2 * minK + 7, 40));
        return shapes.build();
    }

    @ParameterizedTest(name = "{0}×{1}·{1}×{2}")
    @MethodSource("shapes")
    void allThreeFormsMatchTheNaiveProductWithinTheRoundingBound(int m, int k, int n) {
        long seed = 31L * m + 17L * k + n;
        float[] a = random(m * k, seed), b = random(k * n, seed + 1);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                if (transA && transB) {
                    continue; // the backend has no aᵀ·bᵀ form
                }
                // The same numbers, stored the way each form reads them.
                float[] as = transA ? transpose(a, m, k) : a;
                float[] bs = transB ? transpose(b, k, n) : b;
                for (int threads : new int[] {1, 2, 3}) {
                    float[] c = random(m * n, seed + 2); // garbage that must be overwritten
                    MatmulKernel.multiply(as, transA, bs, transB, c, m, n, k, threads);
                    assertWithinBound(a, b, c, m, k, n,
                            "transA=" + transA + " transB=" + transB + " threads=" + threads);
                }
            }
        }
    }

    @Test
    void resultIsBitwiseTheSameForOneTwoAndThreeThreads() {
        int m = 203, k = 517, n = 301;
        assertTrue(MatmulKernel.shares(m, n, k, 2) == 2, "this shape must really be split");
        // Split by rows, and with the eight-row tile each share packs its own rows of a plain a.
        assertEquals(MatmulKernel.MR == EightRowTile.ROWS, MatmulKernel.packsPlainA(m, n, false));
        float[] a = random(m * k, 1), b = random(k * n, 2), bt = transpose(b, k, n), at = transpose(a, m, k);
        for (int form = 0; form < 3; form++) {
            boolean transA = form == 1, transB = form == 2;
            float[] as = transA ? at : a, bs = transB ? bt : b;
            float[] one = new float[m * n];
            MatmulKernel.multiply(as, transA, bs, transB, one, m, n, k, 1);
            for (int threads : new int[] {2, 3}) {
                float[] many = new float[m * n];
                MatmulKernel.multiply(as, transA, bs, transB, many, m, n, k, threads);
                assertArrayEquals(one, many, "form " + form + " with " + threads + " threads");
            }
        }
        // A tall shape is split by rows instead of columns; it must be just as exact.
        int tall = 1000, thin = 40;
        float[] x = random(tall * k, 3), w = random(k * thin, 4);
        float[] one = new float[tall * thin], two = new float[tall * thin];
        MatmulKernel.multiply(x, false, w, false, one, tall, thin, k, 1);
        MatmulKernel.multiply(x, false, w, false, two, tall, thin, k, 2);
        assertArrayEquals(one, two, "split by rows");
    }

    @ParameterizedTest(name = "{0}×{1}·{1}×{2}")
    @CsvSource({"128, 784, 512", "128, 512, 256", "65, 1001, 200", "97, 2048, 65", "256, 513, 97", "200, 600, 105",
        "130, 1600, 700"})
    void aProductSplitAlongKGivesTheSameBitsOnAnyThreadCount(int m, int k, int n) {
        assertTrue(MatmulKernel.splitsDepth(m, n, k, false, false), "this shape must be split along k");
        float[] a = random(m * k, 7), b = random(k * n, 8);
        float[] one = new float[m * n];
        MatmulKernel.multiply(a, false, b, false, one, m, n, k, 1);
        assertWithinBound(a, b, one, m, k, n, "one thread, two k blocks");
        for (int threads : new int[] {2, 3, 4}) {
            float[] many = random(m * n, 9); // garbage that must be overwritten
            MatmulKernel.multiply(a, false, b, false, many, m, n, k, threads);
            assertArrayEquals(one, many, threads + " threads");
        }
    }

    /**
     * A plain a·b in one k block adds its products in the order p = 0, 1, …, k − 1 with one fma each, whether
     * its tiles take k in one pass or, carrying their sums through C, in several blocks
     * ({@link MatmulKernel#IN_PLACE_BLOCK_DEPTH}), and whether it reads a in place or packed, the last two
     * shapes packing it once for several column blocks of B: the bits are those of that one sequence.
     */
    @ParameterizedTest(name = "{0}×{1}·{1}×{2}")
    @CsvSource({"64, 784, 128", "1, 784, 128", "7, 401, 33", "17, 1024, 17", "33, 799, 130", "64, 1000, 1",
        "9, 37, 64", "64, 400, 32", "63, 801, 95", "100, 300, 300", "130, 77, 520", "72, 500, 545", "73, 300, 900"})
    void aPlainProductInOneKBlockIsTheFmaSequenceBitForBit(int m, int k, int n) {
        assertEquals(1, MatmulKernel.kBlocks(m, n, k, false, false));
        float[] a = random(m * k, 11), b = random(k * n, 12);
        assertIsTheFmaSequence(a, b, false, m, k, n, "");
        if (MatmulKernel.MR == EightRowTile.ROWS && m <= MatmulKernel.B_IN_PLACE_MAX_ROWS) {
            assertTrue(MatmulKernel.readsBothInPlace(m, n, k, false, false), "the path in blocks of depth");
        }
    }

    /**
     * An a·bᵀ in one k block is the same fma sequence, p = 0, 1, …, k − 1, whether it is computed as it stands
     * or, when a has fewer rows than b, as Cᵀ = b·aᵀ ({@link MatmulKernel#swapsOperands}): the swap changes
     * no bits. Shapes on both sides of the swap, whole tiles and edges, and the deep network's δ·Wᵀ; 33 × 1024 ·
     * (784 × 1024)ᵀ is swapped on one thread and split, not swapped, on two. At 16 lanes whole panels are transposed
     * in registers ({@link TileTranspose}; at 8 lanes too, with other tile counts): 64 × 16 · (32 × 16)ᵀ is one tile per
     * half panel, k = 47 two tiles and 15 depths by copy, and 45 × 300 · (70 × 300)ᵀ transposes a whole panel of a and
     * an edge of 13 rows.
     */
    @ParameterizedTest(name = "{0}×{1}·({2}×{1})ᵀ")
    @CsvSource({"128, 256, 512", "64, 784, 128", "1, 33, 7", "7, 17, 33", "10, 10, 30", "33, 1024, 784",
        "40, 100, 41", "64, 128, 10", "17, 1, 17", "130, 77, 45", "64, 16, 32", "40, 47, 64", "45, 300, 70"})
    void aProductWithBTransposedIsTheFmaSequenceBitForBit(int m, int k, int n) {
        assertEquals(1, MatmulKernel.kBlocks(m, n, k, false, true));
        float[] a = random(m * k, 14), bt = random(n * k, 15);
        assertIsTheFmaSequence(a, bt, true, m, k, n, ", swapped on one thread: " + MatmulKernel.swapsOperands(m, n, k, false, true));
    }

    /** Checks that a·b (or a·bᵀ), on one and on two threads, is C[i][j] = fma(a[i][k−1], B[k−1][j], … fma(a[i][0], B[0][j], 0)). */
    private static void assertIsTheFmaSequence(float[] a, float[] b, boolean transB, int m, int k, int n, String what) {
        float[] sequence = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[i * k + p], transB ? b[j * k + p] : b[p * n + j], sum);
                }
                sequence[i * n + j] = sum;
            }
        }
        for (int threads : new int[] {1, 2}) {
            float[] c = random(m * n, 13); // garbage that must be overwritten
            MatmulKernel.multiply(a, false, b, transB, c, m, n, k, threads);
            assertArrayEquals(sequence, c, threads + " threads" + what);
        }
    }

    /**
     * Packing a plain a is a choice of where the tile reads A, made per product and share; it changes no bit
     * ({@link #resultIsBitwiseTheSameForOneTwoAndThreeThreads} splits a packing product by rows).
     */
    @Test
    void aPlainAIsPackedOnlyWhenOneThreadComputesAllColumnsOfAWideProduct() {
        boolean eightRows = MatmulKernel.MR == EightRowTile.ROWS;
        int wide = MatmulKernel.PACK_A_MIN_COLUMNS;
        assertEquals(eightRows, MatmulKernel.packsPlainA(128, wide, false), "a wide product");
        assertTrue(MatmulKernel.spansColumnsAndDepth(wide, 784, 0, wide, 0, 784), "the whole product, or a share of its rows");
        assertFalse(MatmulKernel.packsPlainA(128, wide - 1, false), "too few columns");
        assertFalse(MatmulKernel.packsPlainA(64, wide, false), "b read in place");
        assertFalse(MatmulKernel.packsPlainA(128, wide, true), "a transposed is packed anyway");
        assertFalse(MatmulKernel.spansColumnsAndDepth(wide, 784, 0, wide, 0, 392), "one k block of a split");
        assertFalse(MatmulKernel.spansColumnsAndDepth(2 * wide, 784, 0, wide, 0, 784), "one column share");
        assertTrue(MatmulKernel.isWholeProduct(128, wide, 784, 0, 128, 0, wide, 0, 784), "the whole product");
        assertFalse(MatmulKernel.isWholeProduct(128, wide, 784, 0, 64, 0, wide, 0, 784), "one row share");
    }

    @Test
    void aBTransposedIsSwappedOnlyWhenThatCopiesFewerFloats() {
        assertTrue(MatmulKernel.swapsOperands(128, 512, 256, false, true), "the deep network's δ₁ = δ₂·W₂ᵀ");
        assertTrue(MatmulKernel.swapsOperands(64, 128, 784, false, true));
        assertFalse(MatmulKernel.swapsOperands(128, 256, 10, false, true), "k = 10: writing C transposed costs more");
        assertFalse(MatmulKernel.swapsOperands(1024, 1024, 1024, false, true), "as many rows as columns");
        assertFalse(MatmulKernel.swapsOperands(64, 128, 784, false, false), "only a·bᵀ");
        assertFalse(MatmulKernel.swapsOperands(64, 128, 784, true, false), "only a·bᵀ");
    }

    @Test
    void onlyABatchSizedPlainProductIsSplitAlongK() {
        assertTrue(MatmulKernel.splitsDepth(128, 512, 784, false, false));
        assertFalse(MatmulKernel.splitsDepth(128, 512, 784, true, false), "aᵀ·b");
        assertFalse(MatmulKernel.splitsDepth(128, 512, 784, false, true), "a·bᵀ");
        assertFalse(MatmulKernel.splitsDepth(MatmulKernel.DEPTH_SPLIT_MAX_ROWS + 1, 512, 784, false, false), "too many rows");
        assertFalse(MatmulKernel.splitsDepth(128, 512, 511, false, false), "k too short for two blocks");
        assertFalse(MatmulKernel.splitsDepth(128, MatmulKernel.DEPTH_SPLIT_MAX_COLUMNS + 1, 784, false, false),
                "too many columns for the second block's buffer");
        assertFalse(MatmulKernel.splitsDepth(128, 512, 2 * MatmulKernel.KC + 1, false, false), "more than two k blocks");
        assertFalse(MatmulKernel.splitsDepth(128, 30, 784, false, false), "too small to share");
        assertFalse(MatmulKernel.splitsDepth(MatmulKernel.B_IN_PLACE_MAX_ROWS, 512, 784, false, false),
                "b read in place: relu128's 64 × 784 · 784 × 128 keeps one block");
        assertEquals(2, MatmulKernel.kBlocks(128, 512, 784, false, false));
        assertEquals(1, MatmulKernel.kBlocks(1024, 1024, 1024, false, false));
    }

    @Test
    void dotProductsGiveTheSameBitsOnOneTwoAndThreeThreads() {
        int m = 97, k = 2 * DotProductKernel.MIN_K + 3, n = 41;
        assertTrue(DotProductKernel.suits(n, k) && MatmulKernel.shares(m, n, k, 2) == 2, "the dot path, split");
        float[] a = random(m * k, 5), bt = random(n * k, 6);
        float[] one = new float[m * n];
        MatmulKernel.multiply(a, false, bt, true, one, m, n, k, 1);
        for (int threads : new int[] {2, 3}) {
            float[] more = new float[m * n];
            MatmulKernel.multiply(a, false, bt, true, more, m, n, k, threads);
            assertArrayEquals(one, more, threads + " threads");
        }
    }

    @Test
    void smallProductsStayOnTheCallingThread() {
        assertEquals(1, MatmulKernel.shares(8, 8, 8, 2));
        assertEquals(1, MatmulKernel.shares(1024, 1024, 1024, 1));
        assertEquals(2, MatmulKernel.shares(1024, 1024, 1024, 2));
        assertEquals(1, MatmulKernel.shares(MatmulKernel.MR, MatmulKernel.NR, 1 << 16, 2),
                "a single tile cannot be shared, however deep");
    }

    private static void assertWithinBound(float[] a, float[] b, float[] c, int m, int k, int n, String what) {
        double u = Math.scalb(1.0, -24);
        double gamma = k * u / (1 - k * u);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) a[i * k + p] * b[p * n + j];
                    exact += prod;
                    magnitude += Math.abs(prod);
                }
                double err = Math.abs(c[i * n + j] - exact);
                // The final value is also rounded to float once: allow u·|exact| on top.
                if (!(err <= gamma * magnitude + u * Math.abs(exact) + Float.MIN_NORMAL)) {
                    throw new AssertionError(what + " " + m + "×" + k + "×" + n + ": C[" + i + "][" + j + "] = "
                            + c[i * n + j] + ", exact " + exact + ", error " + err + " exceeds the bound "
                            + gamma * magnitude);
                }
            }
        }
    }

    /** @return the (cols × rows) transpose of a row-major (rows × cols) array */
    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
