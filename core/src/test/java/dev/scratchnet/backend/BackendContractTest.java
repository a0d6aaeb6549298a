package dev.scratchnet.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
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

        reference.scale(-1.7f, ey);
        backend.scale(-1.7f, y);
        assertClose(ey, y, 1e-6f, "scale");

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

    private static void scaleTo(Tensor t, float range) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= range;
        }
    }
}
