package dev.scratchnet.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Backend} must meet: each kernel agrees with the plain loops of
 * {@link ScalarBackend}, on shapes that are not multiples of any vector width, for every thread
 * count the backend supports. Backends extend this class and supply {@link #create(int)}.
 *
 * <p>Results are compared with a relative tolerance because a vector backend may add in another
 * order and use fused multiply-add, which changes the last bits.
 */
public abstract class BackendContractTest {

    /** Awkward sizes: 1, primes, one off a power of two, MNIST's 784, and larger. */
    protected static final int[] SIZES = {1, 3, 7, 15, 17, 31, 33, 64, 100, 784, 1000};

    private final Backend reference = new ScalarBackend();

    /**
     * @param threads the thread count to use
     * @return the backend under test
     */
    protected abstract Backend create(int threads);

    /** @return the thread counts to test; override for multi-threaded backends */
    protected int[] threadCounts() {
        return new int[] {1};
    }

    /** @return the relative tolerance for kernels that sum long rows (matrix products) */
    protected float productTolerance() {
        return 1e-4f;
    }

    /** @return the relative tolerance for element-wise kernels with transcendentals (exp, tanh) */
    protected float elementTolerance() {
        return 2e-6f;
    }

    static Stream<Arguments> matmulShapes() {
        SplittableRandom random = new SplittableRandom(7);
        Stream.Builder<Arguments> shapes = Stream.builder();
        // Every edge size on each axis at least once, plus the shapes training uses.
        for (int s : SIZES) {
            int other = SIZES[random.nextInt(SIZES.length - 2)];
            shapes.add(Arguments.of(s, other, 17));
            shapes.add(Arguments.of(33, s, other));
            shapes.add(Arguments.of(other, 7, s));
        }
        shapes.add(Arguments.of(64, 784, 128));
        shapes.add(Arguments.of(128, 784, 10));
        shapes.add(Arguments.of(1, 1, 1));
        shapes.add(Arguments.of(257, 129, 65));
        return shapes.build();
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param seed random seed
     * @return a tensor of uniform values in [-1, 1)
     */
    protected static Tensor random(int rows, int cols, long seed) {
        return SyntheticData.uniform(rows, cols, seed);
    }

    /**
     * Asserts element-wise closeness: |e − a| ≤ tol · max(1, |e|).
     *
     * @param expected expected values
     * @param actual actual values
     * @param tolerance relative tolerance
     * @param what description for the failure message
     */
    protected static void assertClose(Tensor expected, Tensor actual, float tolerance, String what) {
        assertTrue(expected.sameShape(actual), what + ": shape " + actual.shape() + " != " + expected.shape());
        float[] e = expected.data(), a = actual.data();
        for (int i = 0; i < e.length; i++) {
            float allowed = tolerance * Math.max(1f, Math.abs(e[i]));
            if (!(Math.abs(e[i] - a[i]) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " (row " + i / expected.cols() + ", col "
                        + i % expected.cols() + ") expected " + e[i] + " but was " + a[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}·{1}×{2}")
    @MethodSource("matmulShapes")
    void matmulMatchesReference(int m, int k, int n) {
        Tensor a = random(m, k, 1), b = random(k, n, 2);
        Tensor expected = new Tensor(m, n);
        reference.matmul(a, b, expected);
        for (int threads : threadCounts()) {
            Tensor out = random(m, n, 3); // garbage in out must be overwritten, not accumulated
            create(threads).matmul(a, b, out);
            assertClose(expected, out, productTolerance(), "matmul " + m + "×" + k + "×" + n + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "({1}×{0})ᵀ·{1}×{2}")
    @MethodSource("matmulShapes")
    void matmulTransposeAMatchesReference(int m, int k, int n) {
        Tensor a = random(k, m, 4), b = random(k, n, 5);
        Tensor expected = new Tensor(m, n);
        reference.matmulTransposeA(a, b, expected);
        for (int threads : threadCounts()) {
            Tensor out = random(m, n, 6);
            create(threads).matmulTransposeA(a, b, out);
            assertClose(expected, out, productTolerance(), "matmulTransposeA " + m + "×" + k + "×" + n + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "{0}×{1}·({2}×{1})ᵀ")
    @MethodSource("matmulShapes")
    void matmulTransposeBMatchesReference(int m, int k, int n) {
        Tensor a = random(m, k, 7), b = random(n, k, 8);
        Tensor expected = new Tensor(m, n);
        reference.matmulTransposeB(a, b, expected);
        for (int threads : threadCounts()) {
            Tensor out = random(m, n, 9);
            create(threads).matmulTransposeB(a, b, out);
            assertClose(expected, out, productTolerance(), "matmulTransposeB " + m + "×" + k + "×" + n + " threads " + threads);
        }
    }

    @Test
    void parallelForRunsEveryTaskOnceAndKernelsInsideGiveTheSameBits() {
        // Tasks that each run a product big enough to split across threads on its own: inside parallelFor
        // the products run on the task's thread, and must give what the same product gives outside it.
        Tensor a = random(96, 700, 11), b = random(700, 300, 12);
        for (int threads : threadCounts()) {
            Backend backend = create(threads);
            Tensor expected = new Tensor(96, 300);
            backend.matmul(a, b, expected);
            int tasks = 5;
            Tensor[] outs = new Tensor[tasks];
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            for (int i = 0; i < tasks; i++) {
                outs[i] = new Tensor(96, 300);
            }
            backend.parallelFor(tasks, i -> {
                runs.incrementAndGet(i);
                backend.matmul(a, b, outs[i]);
            });
            for (int i = 0; i < tasks; i++) {
                assertEquals(1, runs.get(i), "task " + i + " on " + threads + " threads");
                assertArrayEquals(expected.data(), outs[i].data(), "task " + i + " on " + threads + " threads");
            }
            backend.parallelFor(0, i -> fail("no task to run"));
        }
    }

    @Test
    void matmulComputesTheTextbookProduct() {
        // [1 2; 3 4] · [5 6; 7 8] = [1·5+2·7, 1·6+2·8; 3·5+4·7, 3·6+4·8] = [19 22; 43 50]
        Tensor a = Tensor.of(new float[] {1, 2}, new float[] {3, 4});
        Tensor b = Tensor.of(new float[] {5, 6}, new float[] {7, 8});
        Tensor out = new Tensor(2, 2);
        create(1).matmul(a, b, out);
        assertEquals(Tensor.of(new float[] {19, 22}, new float[] {43, 50}), out);
    }

    @Test
    void matmulRejectsMismatchedShapesWithBothShapesInTheMessage() {
        Backend backend = create(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.matmul(new Tensor(32, 784), new Tensor(100, 10), new Tensor(32, 10)));
        assertTrue(e.getMessage().contains("32×784") && e.getMessage().contains("100×10"), e.getMessage());
    }

    @Test
    void matmulRejectsOutputAliasingAnInput() {
        Tensor a = new Tensor(3, 3);
        assertThrows(IllegalArgumentException.class, () -> create(1).matmul(a, new Tensor(3, 3), a));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void addBiasActivateMatchesReference(Activation f) {
        for (int n : SIZES) {
            Tensor z = random(5, n, 10 + n), bias = random(1, n, 11);
            scaleTo(z, 6f); // reach both tails of sigmoid and tanh
            Tensor expected = new Tensor(5, n);
            reference.addBiasActivate(z, bias, f, expected);
            Tensor out = new Tensor(5, n);
            create(1).addBiasActivate(z, bias, f, out);
            assertClose(expected, out, elementTolerance(), f + " n=" + n);
            create(1).addBiasActivate(z, bias, f, z); // in place
            assertClose(expected, z, elementTolerance(), f + " in place n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationBackwardMatchesReference(Activation f) {
        for (int n : SIZES) {
            Tensor z = random(3, n, 20 + n), zero = new Tensor(1, n), y = new Tensor(3, n);
            reference.addBiasActivate(z, zero, f, y);
            Tensor g = random(3, n, 21);
            Tensor expected = new Tensor(3, n);
            reference.activationBackward(f, y, g, expected);
            Tensor out = new Tensor(3, n);
            create(1).activationBackward(f, y, g, out);
            assertClose(expected, out, elementTolerance(), f + " backward n=" + n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 17, 33, 784, 1000})
    void sumRowsMatchesReference(int n) {
        Tensor a = random(37, n, 30);
        Tensor expected = new Tensor(1, n), out = random(1, n, 31);
        reference.sumRows(a, expected);
        create(1).sumRows(a, out);
        assertClose(expected, out, productTolerance(), "sumRows n=" + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 10, 17, 33, 1000})
    void softmaxRowsMatchesReferenceAndSumsToOne(int n) {
        Tensor z = random(9, n, 40);
        scaleTo(z, 30f);
        Tensor expected = new Tensor(9, n), out = new Tensor(9, n);
        reference.softmaxRows(z, expected);
        create(1).softmaxRows(z, out);
        assertClose(expected, out, elementTolerance() * 4, "softmax n=" + n);
        for (int i = 0; i < 9; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += out.get(i, j);
            }
            assertEquals(1.0, sum, 1e-5, "row " + i + " sums to one");
        }
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        Tensor z = Tensor.of(new float[] {1000f, 1000f, -1000f});
        Tensor out = new Tensor(1, 3);
        create(1).softmaxRows(z, out);
        assertClose(Tensor.of(new float[] {0.5f, 0.5f, 0f}), out, 1e-6f, "softmax of huge logits");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 17, 33})
    void softmaxCrossEntropyMatchesReference(int n) {
        Tensor z = random(13, n, 50);
        scaleTo(z, 10f);
        Tensor y = SyntheticData.oneHot(13, n, 51);
        Tensor expected = new Tensor(13, n), out = new Tensor(13, n);
        double expectedLoss = reference.softmaxCrossEntropy(z, y, expected);
        double loss = create(1).softmaxCrossEntropy(z, y, out);
        assertEquals(expectedLoss, loss, 1e-4 * Math.max(1, Math.abs(expectedLoss)));
        assertClose(expected, out, elementTolerance() * 4, "softmax CE gradient n=" + n);
    }

    @Test
    void softmaxCrossEntropyOfAUniformGuessIsLogN() {
        // Equal logits give p = 1/4 for each class, so the loss per row is −log(1/4) = log 4,
        // and the gradient is (p − y) / m = (0.25 − y) / 2 for a batch of m = 2 rows.
        Tensor z = new Tensor(2, 4);
        Tensor y = Tensor.of(new float[] {0, 1, 0, 0}, new float[] {0, 0, 0, 1});
        Tensor grad = new Tensor(2, 4);
        double loss = create(1).softmaxCrossEntropy(z, y, grad);
        assertEquals(2 * Math.log(4), loss, 1e-5);
        assertClose(Tensor.of(new float[] {0.125f, -0.375f, 0.125f, 0.125f},
                new float[] {0.125f, 0.125f, 0.125f, -0.375f}), grad, 1e-6f, "gradient");
    }

    @Test
    void gradientsTooSmallToMatterAreExactZerosNotSubnormals() {
        Backend backend = create(1);
        // A confident prediction: class 1's probability is e^−200, far below the smallest float.
        int n = 37;
        Tensor z = new Tensor(2, n), y = new Tensor(2, n), grad = new Tensor(2, n);
        for (int j = 1; j < n; j++) {
            z.set(0, j, -200f);
            z.set(1, j, -90f);
        }
        y.set(0, 0, 1f);
        y.set(1, 0, 1f);
        backend.softmaxCrossEntropy(z, y, grad);
        // And a backward pass fed gradients of 1e-35, which would multiply into subnormals.
        Tensor g = new Tensor(3, n), out = new Tensor(3, n), ones = new Tensor(3, n);
        backend.fill(g, 1e-35f);
        backend.fill(ones, 1f);
        backend.activationBackward(Activation.IDENTITY, ones, g, out);
        for (Tensor t : new Tensor[] {grad, out}) {
            for (float v : t.data()) {
                assertTrue(v == 0f || Math.abs(v) >= Float.MIN_NORMAL, "subnormal gradient " + v);
            }
        }
        assertEquals(0f, grad.get(0, 5));
        assertEquals(0f, out.get(2, n - 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 10, 33, 1000})
    void meanSquaredErrorMatchesReference(int n) {
        Tensor a = random(11, n, 60), y = random(11, n, 61);
        Tensor expected = new Tensor(11, n), out = new Tensor(11, n);
        double expectedLoss = reference.meanSquaredError(a, y, expected);
        double loss = create(1).meanSquaredError(a, y, out);
        assertEquals(expectedLoss, loss, 1e-4 * Math.max(1, expectedLoss));
        assertClose(expected, out, elementTolerance(), "MSE gradient n=" + n);
    }

    @Test
    void meanSquaredErrorIsHalfTheSquaredDistance() {
        // ½ ((1−0)² + (3−1)²) = ½ (1 + 4) = 2.5; gradient (a − y) / m with m = 1.
        Tensor a = Tensor.of(new float[] {1, 3}), y = Tensor.of(new float[] {0, 1});
        Tensor grad = new Tensor(1, 2);
        assertEquals(2.5, create(1).meanSquaredError(a, y, grad), 1e-6);
        assertEquals(Tensor.of(new float[] {1, 2}), grad);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 17, 33, 784, 1000})
    void elementwiseKernelsMatchReference(int n) {
        Backend backend = create(1);
        Tensor a = random(3, n, 70), b = random(3, n, 71);
        Tensor expected = new Tensor(3, n), out = new Tensor(3, n);
        reference.hadamard(a, b, expected);
        backend.hadamard(a, b, out);
        assertClose(expected, out, 1e-6f, "hadamard");

        Tensor ey = b.copy(), y = b.copy();
        reference.axpy(0.3f, a, ey);
        backend.axpy(0.3f, a, y);
        assertClose(ey, y, 1e-6f, "axpy");

        backend.fill(y, 2.5f);
        for (float v : y.data()) {
            assertEquals(2.5f, v);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 17, 33, 784, 1000})
    void optimizerStepsMatchReference(int n) {
        Backend backend = create(1);
        Tensor grad = random(2, n, 80);
        Tensor w1 = random(2, n, 81), w2 = w1.copy();
        reference.sgdStep(w1, grad, 0.1f, 1e-3f);
        backend.sgdStep(w2, grad, 0.1f, 1e-3f);
        assertClose(w1, w2, 1e-6f, "sgd");

        for (boolean nesterov : new boolean[] {false, true}) {
            Tensor v1 = random(2, n, 82), v2 = v1.copy();
            reference.momentumStep(w1, grad, v1, 0.1f, 0.9f, 1e-3f, nesterov);
            backend.momentumStep(w2, grad, v2, 0.1f, 0.9f, 1e-3f, nesterov);
            assertClose(w1, w2, 1e-6f, "momentum weights, nesterov " + nesterov);
            assertClose(v1, v2, 1e-6f, "momentum velocity, nesterov " + nesterov);
        }

        Tensor m1 = new Tensor(2, n), m2 = new Tensor(2, n), s1 = new Tensor(2, n), s2 = new Tensor(2, n);
        for (long step = 1; step <= 3; step++) {
            reference.adamStep(w1, grad, m1, s1, 1e-3f, 0.9f, 0.999f, 1e-8f, step, 1e-4f);
            backend.adamStep(w2, grad, m2, s2, 1e-3f, 0.9f, 0.999f, 1e-8f, step, 1e-4f);
        }
        assertClose(m1, m2, 1e-5f, "adam first moment");
        assertClose(s1, s2, 1e-5f, "adam second moment");
        assertClose(w1, w2, 1e-5f, "adam weights");
    }

    @Test
    void optimizerMemoryDecaysToZeroWithoutPassingThroughSubnormals() {
        Backend backend = create(1);
        int n = 37;
        Tensor w = new Tensor(1, n), zero = new Tensor(1, n), velocity = new Tensor(1, n);
        Tensor m = new Tensor(1, n), v = new Tensor(1, n), tinyGrad = new Tensor(1, n);
        backend.fill(velocity, 1e-20f);
        backend.fill(m, 1e-20f);
        backend.fill(v, 1e-20f);
        backend.fill(tinyGrad, 1e-19f); // squared, 1e-38 times (1 − β₂): subnormal unless skipped
        for (int step = 1; step <= 2000; step++) {
            backend.momentumStep(w, zero, velocity, 0.1f, 0.9f, 0f, false);
            backend.adamStep(w, step % 2 == 0 ? zero : tinyGrad, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, step, 0f);
            for (Tensor t : new Tensor[] {velocity, m, v}) {
                for (float x : t.data()) {
                    assertTrue(x == 0f || Math.abs(x) >= Float.MIN_NORMAL, "subnormal optimizer state " + x);
                }
            }
        }
        assertEquals(0f, velocity.get(0, 0)); // 1e-20 · 0.9²⁰⁰⁰ is far below the flush threshold
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        // At t = 1 the bias corrections make m̂ = g and v̂ = g², so the step is η·g/(|g|+ε) ≈ η·sign(g).
        Tensor w = Tensor.of(new float[] {1f, 1f}), g = Tensor.of(new float[] {0.5f, -2f});
        create(1).adamStep(w, g, new Tensor(1, 2), new Tensor(1, 2), 0.01f, 0.9f, 0.999f, 1e-8f, 1, 0f);
        assertClose(Tensor.of(new float[] {0.99f, 1.01f}), w, 1e-6f, "adam step 1");
    }

    // ---- Convolution and pooling kernels ----

    /** Awkward windows: 1 channel, odd 7×9 images, stride 2 with padding, kernels larger than the stride. */
    static Stream<ConvGeometry> convGeometries() {
        return Stream.of(
                new ConvGeometry(1, 7, 9, 3, 1, 0),
                new ConvGeometry(1, 7, 9, 3, 2, 1),
                new ConvGeometry(3, 7, 9, 5, 2, 2),
                new ConvGeometry(3, 9, 7, 4, 2, 1),
                new ConvGeometry(4, 8, 8, 7, 1, 3),
                new ConvGeometry(2, 5, 5, 1, 1, 0),
                new ConvGeometry(1, 1, 1, 1, 1, 0),
                new ConvGeometry(1, 28, 28, 5, 1, 0),
                new ConvGeometry(20, 12, 12, 5, 1, 0),
                new ConvGeometry(5, 11, 13, 3, 1, 1),
                new ConvGeometry(3, 8, 6, 3, 1, 0)); // output rows of 4: half a vector at 256 bits
    }

    static Stream<ConvGeometry> poolGeometries() {
        return Stream.of(
                new ConvGeometry(1, 7, 9, 2, 2, 0),
                new ConvGeometry(2, 7, 9, 3, 2, 1),
                new ConvGeometry(1, 5, 5, 3, 1, 0),
                new ConvGeometry(3, 28, 28, 2, 2, 0),
                new ConvGeometry(20, 24, 24, 2, 2, 0),
                new ConvGeometry(40, 8, 8, 2, 2, 0),
                // Rows of 35 windows (two whole vectors of 16 and an overlapping third), of 16 (exactly one
                // vector at 512 bits) with an odd last row, and of 8 with one row per channel.
                new ConvGeometry(2, 6, 70, 2, 2, 0),
                new ConvGeometry(1, 5, 33, 2, 2, 0),
                new ConvGeometry(3, 3, 17, 2, 2, 0),
                new ConvGeometry(1, 1, 1, 1, 1, 0));
    }

    /** y[b][f][oy][ox] = Σ_ci,ki,kj W[f][ci][ki][kj] · x[b][ci][oy·s+ki−p][ox·s+kj−p], straight from the definition. */
    private static float[] convolveByDefinition(ConvGeometry g, Tensor x, Tensor weights) {
        int m = x.rows(), filters = weights.rows(), k = g.kernel(), oh = g.outputHeight(), ow = g.outputWidth();
        float[] y = new float[m * filters * oh * ow];
        for (int b = 0; b < m; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = 0;
                        for (int ci = 0; ci < g.channels(); ci++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int iy = oy * g.stride() + ki - g.padding(), ix = ox * g.stride() + kj - g.padding();
                                    if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                        sum += weights.get(f, (ci * k + ki) * k + kj)
                                                * x.get(b, (ci * g.height() + iy) * g.width() + ix);
                                    }
                                }
                            }
                        }
                        y[((b * filters + f) * oh + oy) * ow + ox] = (float) sum;
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("convGeometries")
    void im2colThenProductIsTheConvolution(ConvGeometry g) {
        int m = 3, filters = 4;
        Tensor x = random(m, g.inputSize(), 90), weights = random(filters, g.patchSize(), 91);
        Tensor bias = new Tensor(1, filters);
        float[] expected = convolveByDefinition(g, x, weights);
        for (int threads : threadCounts()) {
            Backend backend = create(threads);
            Tensor columns = random(g.patchSize(), m * g.positions(), 92); // garbage must be overwritten
            backend.im2col(g, x, columns);
            Tensor z = new Tensor(filters, m * g.positions()), y = random(m, filters * g.positions(), 93);
            backend.matmul(weights, columns, z);
            backend.channelsToExamples(z, bias, Activation.IDENTITY, y);
            assertClose(Tensor.wrap(m, filters * g.positions(), expected), y, productTolerance(),
                    "convolution " + g + " threads " + threads);

            Tensor reference = new Tensor(g.patchSize(), m * g.positions());
            this.reference.im2col(g, x, reference);
            assertEquals(reference, columns, "im2col is a copy, so it matches exactly: " + g);
        }
    }

    /**
     * The geometries above, and more that a direct convolution takes at every vector width: output rows
     * of 16, 19, 30 and 40 (one, one and a part, two and three vectors of 16), taps not a multiple of 5.
     */
    static Stream<ConvGeometry> directGeometries() {
        return Stream.concat(convGeometries(), Stream.of(
                new ConvGeometry(1, 20, 19, 3, 1, 1),
                new ConvGeometry(3, 17, 18, 3, 1, 0),
                new ConvGeometry(2, 9, 33, 4, 1, 0),
                new ConvGeometry(1, 6, 40, 5, 1, 2)));
    }

    @ParameterizedTest
    @MethodSource("directGeometries")
    void convolveIsTheConvolution(ConvGeometry g) {
        int m = 3;
        for (int filters : new int[] {1, 5, 8}) {
            Tensor x = random(m, g.inputSize(), 130), weights = random(filters, g.patchSize(), 131);
            Tensor bias = random(1, filters, 132);
            float[] sums = convolveByDefinition(g, x, weights);
            for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.TANH}) {
                Tensor expected = new Tensor(m, filters * g.positions());
                for (int i = 0; i < sums.length; i++) {
                    expected.data()[i] = f.apply(sums[i] + bias.data()[i / g.positions() % filters]);
                }
                for (int threads : threadCounts()) {
                    Tensor y = random(m, filters * g.positions(), 133); // garbage must be overwritten
                    create(threads).convolve(g, x, weights, bias, f, y);
                    assertClose(expected, y, productTolerance(), f + " convolve " + g + ", " + filters + " filters");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("directGeometries")
    void convolutionGradientsAreTheirDefinition(ConvGeometry g) {
        int m = 3, k = g.kernel(), positions = g.positions();
        for (int filters : new int[] {1, 5, 8}) {
            Tensor x = random(m, g.inputSize(), 134), delta = random(m, filters * positions, 135);
            // ∂L/∂W[f][t] = Σ_b Σ_q δ_b[f][q] · x under tap t at q, summed in double; ∂L/∂b[f] = Σ δ_b[f][q].
            Tensor expectedW = new Tensor(filters, g.patchSize()), expectedB = new Tensor(1, filters);
            for (int f = 0; f < filters; f++) {
                double biasSum = 0;
                double[] tapSums = new double[g.patchSize()];
                for (int b = 0; b < m; b++) {
                    for (int q = 0; q < positions; q++) {
                        double d = delta.get(b, f * positions + q);
                        biasSum += d;
                        int oy = q / g.outputWidth(), ox = q % g.outputWidth();
                        for (int t = 0; t < g.patchSize(); t++) {
                            int ci = t / (k * k), iy = oy * g.stride() + t / k % k - g.padding();
                            int ix = ox * g.stride() + t % k - g.padding();
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                tapSums[t] += d * x.get(b, (ci * g.height() + iy) * g.width() + ix);
                            }
                        }
                    }
                }
                expectedB.data()[f] = (float) biasSum;
                for (int t = 0; t < g.patchSize(); t++) {
                    expectedW.data()[f * g.patchSize() + t] = (float) tapSums[t];
                }
            }
            for (int threads : threadCounts()) {
                Tensor gradW = random(filters, g.patchSize(), 136), gradB = random(1, filters, 137);
                create(threads).convolutionGradients(g, x, delta, gradW, gradB);
                float tolerance = 10 * productTolerance(); // sums of up to 3 · 1,200 products
                assertClose(expectedW, gradW, tolerance, "∂L/∂W " + g + ", " + filters + " filters");
                assertClose(expectedB, gradB, tolerance, "∂L/∂b " + g + ", " + filters + " filters");
            }
        }
    }

    @Test
    void directConvolutionChecksItsShapes() {
        ConvGeometry g = new ConvGeometry(1, 28, 28, 5, 1, 0);
        Backend backend = create(1);
        Tensor x = new Tensor(2, 784), w = new Tensor(4, 25), b = new Tensor(1, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.convolve(g, x, w, b, Activation.RELU, new Tensor(2, 4 * 575)));
        assertThrows(IllegalArgumentException.class, () -> backend.convolve(g, x, new Tensor(4, 24), b, Activation.RELU,
                new Tensor(2, 4 * 576)));
        assertThrows(IllegalArgumentException.class, () -> backend.convolutionGradients(g, x, new Tensor(2, 4 * 576), w,
                new Tensor(1, 3)));
    }

    @ParameterizedTest
    @MethodSource("convGeometries")
    void col2imIsTheAdjointOfIm2col(ConvGeometry g) {
        // ⟨im2col(x), C⟩ = ⟨x, col2im(C)⟩ for all x and C: the defining property of the backward pass.
        int m = 2;
        Tensor x = random(m, g.inputSize(), 94), c = random(g.patchSize(), m * g.positions(), 95);
        for (int threads : threadCounts()) {
            Backend backend = create(threads);
            Tensor columns = new Tensor(g.patchSize(), m * g.positions());
            backend.im2col(g, x, columns);
            Tensor back = random(m, g.inputSize(), 96); // overwritten, not accumulated into
            backend.col2im(g, c, back);
            double left = dot(columns, c), right = dot(x, back);
            assertEquals(left, right, 1e-4 * Math.max(1, Math.abs(left)), "adjoint " + g + " threads " + threads);

            Tensor expected = new Tensor(m, g.inputSize());
            reference.col2im(g, c, expected);
            assertClose(expected, back, productTolerance(), "col2im " + g + " threads " + threads);
        }
    }

    @Test
    void im2colOfASmallImageByHand() {
        // A 3×3 image, 2×2 windows, stride 1: four windows, each a column (x00 x01 x10 x11 for the first).
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Tensor columns = new Tensor(4, 4);
        create(1).im2col(new ConvGeometry(1, 3, 3, 2, 1, 0), x, columns);
        assertEquals(Tensor.of(new float[] {1, 2, 4, 5}, new float[] {2, 3, 5, 6}, new float[] {4, 5, 7, 8},
                new float[] {5, 6, 8, 9}), columns);
        // With padding 1 and stride 2 the first window is mostly padding: only x00 is real, at its corner.
        Tensor padded = new Tensor(4, 4);
        create(1).im2col(new ConvGeometry(1, 3, 3, 2, 2, 1), x, padded);
        assertEquals(Tensor.of(new float[] {0, 0, 0, 5}, new float[] {0, 0, 4, 6}, new float[] {0, 2, 0, 8},
                new float[] {1, 3, 7, 9}), padded);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 36, 64})
    void channelMovesMatchReferenceAndRoundTrip(int positions) {
        int channels = 5, m = 3;
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.TANH}) {
            Tensor z = random(channels, m * positions, 97), bias = random(1, channels, 98);
            Tensor expected = new Tensor(m, channels * positions);
            reference.channelsToExamples(z, bias, f, expected);
            for (int threads : threadCounts()) {
                Tensor out = random(m, channels * positions, 99);
                create(threads).channelsToExamples(z, bias, f, out);
                assertClose(expected, out, elementTolerance(), f + " channelsToExamples P=" + positions);
            }
        }
        Tensor examples = random(m, channels * positions, 100);
        Tensor expectedSums = new Tensor(1, channels), expectedChannels = new Tensor(channels, m * positions);
        reference.examplesToChannels(examples, expectedChannels, expectedSums);
        for (int threads : threadCounts()) {
            Backend backend = create(threads);
            Tensor channelRows = random(channels, m * positions, 101), sums = random(1, channels, 102);
            backend.examplesToChannels(examples, channelRows, sums);
            assertEquals(expectedChannels, channelRows, "a move is exact");
            assertClose(expectedSums, sums, productTolerance(), "channel sums P=" + positions);
            Tensor back = new Tensor(m, channels * positions);
            backend.channelsToExamples(channelRows, new Tensor(1, channels), Activation.IDENTITY, back);
            assertEquals(examples, back, "round trip");
        }
        // Channel 0 of example 1 sits at columns 0…P−1 of row 1 and moves to columns P…2P−1 of row 0.
        assertEquals(examples.get(1, 0), expectedChannels.get(0, positions));
    }

    @ParameterizedTest
    @MethodSource("poolGeometries")
    void maxPoolMatchesReference(ConvGeometry g) {
        int m = 3, pooled = g.channels() * g.positions();
        Tensor x = random(m, g.inputSize(), 103), gradOutput = random(m, pooled, 104);
        Tensor expected = new Tensor(m, pooled), expectedGrad = new Tensor(m, g.inputSize());
        int[] expectedArgmax = new int[m * pooled];
        reference.maxPool(g, x, expected, expectedArgmax);
        reference.maxPoolBackward(g, gradOutput, expectedArgmax, expectedGrad);
        for (int threads : threadCounts()) {
            Backend backend = create(threads);
            Tensor y = random(m, pooled, 105), gradInput = random(m, g.inputSize(), 106);
            int[] argmax = new int[m * pooled];
            backend.maxPool(g, x, y, argmax);
            assertEquals(expected, y, "a maximum is exact: " + g);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedArgmax, argmax, "argmax " + g);
            backend.maxPoolBackward(g, gradOutput, argmax, gradInput);
            assertClose(expectedGrad, gradInput, 1e-6f, "maxPoolBackward " + g + " threads " + threads);
            // Routing keeps every output's gradient: the sums agree.
            assertEquals(sum(gradOutput), sum(gradInput), 1e-4 * m * pooled, "gradient is routed, not lost");
        }
    }

    @Test
    void maxPoolBreaksTiesAndSignedZerosAsTheReferenceDoes() {
        // Every 2×2 window of values from {−1, −0, +0, 1} (256 windows side by side): which cell wins, and
        // the bits of the maximum, including the sign of a zero, must be the reference's in all of them.
        float[] values = {-1f, -0f, 0f, 1f};
        int windows = 256, w = 2 * windows;
        Tensor x = new Tensor(1, 2 * w);
        for (int i = 0; i < windows; i++) {
            x.data()[2 * i] = values[i & 3];
            x.data()[2 * i + 1] = values[(i >> 2) & 3];
            x.data()[w + 2 * i] = values[(i >> 4) & 3];
            x.data()[w + 2 * i + 1] = values[(i >> 6) & 3];
        }
        ConvGeometry g = new ConvGeometry(1, 2, w, 2, 2, 0);
        Tensor expected = new Tensor(1, windows), y = new Tensor(1, windows);
        int[] expectedArgmax = new int[windows], argmax = new int[windows];
        reference.maxPool(g, x, expected, expectedArgmax);
        for (int threads : threadCounts()) {
            create(threads).maxPool(g, x, y, argmax);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedArgmax, argmax, "argmax, threads " + threads);
            for (int i = 0; i < windows; i++) {
                assertEquals(Float.floatToRawIntBits(expected.data()[i]), Float.floatToRawIntBits(y.data()[i]),
                        "the bits of window " + i + "'s maximum");
            }
        }
    }

    @Test
    void maxPoolOfASmallImageByHandRoutesToTheWinner() {
        // 2×2 windows, stride 2, over a 4×4 image: the maxima 6, 8, 14, 16 sit at the bottom-right corners,
        // except the first window, where 6 is at its top-left.
        Tensor x = Tensor.of(new float[] {6, 1, 3, 4, 5, 2, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Tensor y = new Tensor(1, 4), gradInput = new Tensor(1, 16);
        int[] argmax = new int[4];
        ConvGeometry g = new ConvGeometry(1, 4, 4, 2, 2, 0);
        Backend backend = create(1);
        backend.maxPool(g, x, y, argmax);
        assertEquals(Tensor.of(new float[] {6, 8, 14, 16}), y);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 7, 13, 15}, argmax);
        backend.maxPoolBackward(g, Tensor.of(new float[] {1, 2, 3, 4}), argmax, gradInput);
        assertEquals(Tensor.of(new float[] {1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4}), gradInput);
        // A tie goes to the first input in the window, on every backend.
        backend.maxPool(g, new Tensor(1, 16), y, argmax);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 2, 8, 10}, argmax);
    }

    @Test
    void convolutionKernelsRejectMismatchedShapesWithTheShapesInTheMessage() {
        Backend backend = create(1);
        ConvGeometry g = new ConvGeometry(1, 28, 28, 5, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.im2col(g, new Tensor(2, 784), new Tensor(25, 576)));
        assertTrue(e.getMessage().contains("25×576") && e.getMessage().contains("2×784"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.maxPool(new ConvGeometry(1, 4, 4, 2, 2, 0), new Tensor(1, 16), new Tensor(1, 4), new int[3]));
        assertThrows(IllegalArgumentException.class,
                () -> backend.channelsToExamples(new Tensor(3, 10), new Tensor(1, 3), Activation.RELU, new Tensor(2, 14)));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 3, 3, 5, 1, 0));
    }

    private static double dot(Tensor a, Tensor b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += (double) a.data()[i] * b.data()[i];
        }
        return sum;
    }

    private static double sum(Tensor a) {
        double sum = 0;
        for (float v : a.data()) {
            sum += v;
        }
        return sum;
    }

    private static void scaleTo(Tensor t, float range) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= range;
        }
    }
}
