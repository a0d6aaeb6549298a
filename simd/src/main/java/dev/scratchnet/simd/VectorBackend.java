package dev.scratchnet.simd;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.backend.ScalarUpdates;
import dev.scratchnet.backend.ShapeChecks;
import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Backend} kernels written with the Vector API ({@code jdk.incubator.vector}).
 *
 * <p>Each element-wise kernel follows its {@code ScalarBackend} twin line by line: the main loop
 * handles {@code SPECIES.length()} elements per step up to {@code SPECIES.loopBound(n)}, and a scalar
 * loop finishes the tail, so no mask is needed in the hot loop. Reductions accumulate in a vector
 * register and reduce once after the loop. Where the scalar code applies a function with a
 * comparison ({@code x > 0 ? x : 0}) the vector code blends with a mask so that results match bit
 * for bit. Exp (and sigmoid and tanh, built on it) is {@link VectorExp}, within an ulp of
 * {@link Math#exp}, so those results differ from the scalar backend's in the last bits.
 *
 * <p>Same seed, same bits: results depend only on the inputs and the vector width, not on the thread
 * count, nor on whether the JIT has compiled a kernel yet (the Vector API runs plain Java until it
 * has). For that every kernel uses only operations that IEEE 754 rounds exactly (no
 * {@code VectorOperators.EXP}), reduces vectors in a fixed order ({@link Lanes#sum}, never
 * {@code reduceLanes}), gives its scalar tail the same operations as its vector lanes, and takes the
 * few per-row logarithms and powers from {@link StrictMath}.
 *
 * <p>No helper here takes or returns a vector: C2 stops inlining into a method once it has parsed a
 * certain number of nodes ({@code NodeCountInliningCutoff}; every Vector API call adds many, and one
 * exp is about half the budget) and does not inline a method already compiled into more than
 * {@code InlineSmallCode} bytes. A vector passed to a method that is not inlined is boxed on every
 * call, so exp works on arrays ({@link VectorExp}), lane sums go through a per-thread array
 * ({@link Lanes#scratch()}), and the flush of tiny values is written out at each use. Even a
 * one-line helper is not safe: once other callers had got it compiled on its own first, the momentum
 * update called the vector {@code flushTiny} it used to have instead of inlining it, and boxed two
 * vectors per call for the rest of the run (a test order seen on JDK 17).
 * {@code VectorBackendAllocationTest} and {@code CnnStepAllocationTest} check that the warm kernels
 * allocate nothing.
 *
 * <p>The three matrix products run on {@link MatmulKernel} (register tiles, packed panels, cache
 * blocks) and split large products across {@link #threads()} threads by blocks of the output, so
 * the result is the same bit for bit for every thread count.
 *
 * <p>The vector width is the CPU's preferred one. The system property {@code scratchnet.simd.bits} (128, 256
 * or 512) pins a narrower width, to test those code paths; it is read once, when the first vector
 * class loads. Any other value, or a width the CPU lacks, makes this backend unavailable with a message
 * that names the property: {@code auto} then logs it and picks scalar, and an explicit {@code simd}
 * fails with it.
 *
 * <p>Thread-safe and stateless apart from the thread count.
 */
public final class VectorBackend implements Backend {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;
    /** Elements per partial sum in {@link #meanSquaredError}; a multiple of every lane count. */
    private static final int LOSS_CHUNK = 1024;
    /**
     * The fewest values (rows × columns) for which the short-row cross-entropy takes its exponentials in
     * vectors over the whole batch rather than one by one.
     */
    static final int SHORT_ROWS_VECTOR_EXP_MIN_VALUES = 512;

    /** For geometries {@link #convolvesDirectly} declines, which only a direct call brings here. */
    private static final ScalarBackend REFERENCE = new ScalarBackend();

    private final int threads;

    /**
     * Creates the backend.
     *
     * @param threads how many threads a large matrix product may use, at least 1
     * @throws IllegalArgumentException if threads is below 1
     * @throws IllegalStateException if the system property {@code scratchnet.simd.bits} is unusable
     */
    public VectorBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (Lanes.PROBLEM != null) {
            throw new IllegalStateException(Lanes.PROBLEM);
        }
        this.threads = threads;
    }

    /**
     * Loads the Vector API and checks the configured width; the provider calls this first.
     *
     * @return null when the backend can run, else one sentence saying why not and how to fix it
     */
    static String configurationProblem() {
        return Lanes.PROBLEM;
    }

    /** @return the vector width in bits that the kernels use */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public String name() {
        return VectorBackendProvider.NAME;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** Gives each thread whole tasks; a kernel inside a task then runs on that task's thread alone. */
    @Override
    public void parallelFor(int count, IntConsumer task) {
        WorkerPool.forEach(threads, count, task);
    }

    /** Hands the task to a worker when this backend has more than one thread; see {@link WorkerPool#runAhead}. */
    @Override
    public void runAhead(int parts, IntConsumer task) {
        if (threads == 1) {
            Backend.super.runAhead(parts, task);
        } else {
            WorkerPool.runAhead(parts, task);
        }
    }

    @Override
    public void awaitAhead() {
        WorkerPool.awaitAhead();
    }

    /** @return the threads a kernel may split into here: 1 inside a {@link #parallelFor} task */
    private int threadsHere() {
        return threads == 1 || !WorkerPool.free() ? 1 : threads;
    }

    @Override
    public String toString() {
        return "VectorBackend[" + SPECIES.vectorBitSize() + "-bit, " + threads + " thread" + (threads == 1 ? "" : "s") + "]";
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmul("matmul", a, b, out);
        MatmulKernel.multiply(a.data(), false, b.data(), false, out.data(), a.rows(), b.cols(), a.cols(), threadsHere());
    }

    @Override
    public void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeA("matmulTransposeA", a, b, out);
        MatmulKernel.multiply(a.data(), true, b.data(), false, out.data(), a.cols(), b.cols(), a.rows(), threadsHere());
    }

    @Override
    public void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeB("matmulTransposeB", a, b, out);
        MatmulKernel.multiply(a.data(), false, b.data(), true, out.data(), a.rows(), b.rows(), a.cols(), threadsHere());
    }

    @Override
    public void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out) {
        ShapeChecks.sameShape("addBiasActivate", z, out);
        ShapeChecks.rowVector("addBiasActivate", z, bias);
        int m = z.rows(), n = z.cols();
        float[] zv = z.data(), bv = bias.data(), ov = out.data();
        float[] lanes = Lanes.scratch();
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, zv, row + j).add(FloatVector.fromArray(SPECIES, bv, j)).intoArray(ov, row + j);
            }
            for (; j < n; j++) {
                ov[row + j] = zv[row + j] + bv[j];
            }
            activateInPlace(f, ov, row, row + n, lanes);
        }
    }

    /**
     * x = f(x) for x[from … end): the vector form of {@link Activation#apply(float)}, then its scalar
     * tail. Each activation has its own small loop method, which returns where its vector loop stopped:
     * with the switch inside one loop, or with all loops in one method, the JIT kept the vectors as heap
     * objects and ran several times slower. The switch is an expression, so an activation without a
     * vector form here does not compile.
     */
    static void activateInPlace(Activation f, float[] x, int from, int end, float[] lanes) {
        int tail = switch (f) {
            case IDENTITY -> end;
            case SIGMOID -> logisticInPlace(x, from, end, 1f, lanes);
            case TANH -> logisticInPlace(x, from, end, 2f, lanes);
            case RELU -> reluInPlace(x, from, end);
            case LEAKY_RELU -> leakyReluInPlace(x, from, end);
        };
        for (int j = tail; j < end; j++) {
            x[j] = f.apply(x[j]);
        }
    }

    /**
     * x = k / (1 + e^(−k·x)) − (k − 1), the logistic curve scaled by k: sigmoid for k = 1, and for
     * k = 2 tanh x = 2·sigmoid(2x) − 1, on the one exp (the Vector API's own TANH was no faster than
     * Math.tanh, and is not reproducible; see the class comment). e^(−k·x) in one pass, the rest in a
     * second. tanh's ends come out exactly (e^(−2x) → ∞ gives −1, → 0 gives 1); near 0 its absolute
     * error is about one ulp of 1 (1e-7), which is all the contract asks. The tail is done here, with
     * {@link VectorExp}'s scalar twin, so that a value's result does not depend on whether it falls in
     * a tail.
     *
     * @param k 1 for sigmoid, 2 for tanh
     * @return end: nothing is left for the caller's tail
     */
    private static int logisticInPlace(float[] x, int from, int end, float k, float[] lanes) {
        int bound = from + SPECIES.loopBound(end - from);
        VectorExp.exp(x, x, from, bound, -k, 0f, Float.NEGATIVE_INFINITY, lanes);
        FloatVector kV = FloatVector.broadcast(SPECIES, k);
        float shift = k - 1f; // subtracting 0 leaves sigmoid's (positive) values exactly as they are
        for (int j = from; j < bound; j += SPECIES.length()) {
            kV.div(FloatVector.fromArray(SPECIES, x, j).add(1f)).sub(shift).intoArray(x, j);
        }
        // The tail in one pass, with the exp's scalar twin: a second pass through VectorExp's tail would
        // also add the values up (for softmax), a chain of dependent additions nothing here reads.
        for (int j = bound; j < end; j++) {
            x[j] = k / (VectorExp.exp(x[j], -k, 0f, Float.NEGATIVE_INFINITY) + 1f) - shift;
        }
        return end;
    }

    /**
     * x = x where x &gt; 0, else 0; a blend, so that it matches the scalar x &gt; 0 ? x : 0 bit for bit.
     *
     * @return where the vector loop stopped
     */
    private static int reluInPlace(float[] x, int from, int end) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = from + SPECIES.loopBound(end - from);
        for (int j = from; j < bound; j += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, j);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(x, j);
        }
        return bound;
    }

    /**
     * x = x where x &gt; 0, else {@link Activation#LEAKY_SLOPE}·x.
     *
     * @return where the vector loop stopped
     */
    private static int leakyReluInPlace(float[] x, int from, int end) {
        int bound = from + SPECIES.loopBound(end - from);
        for (int j = from; j < bound; j += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, j);
            v.mul(Activation.LEAKY_SLOPE).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(x, j);
        }
        return bound;
    }

    /**
     * 0 where |gradient| &lt; TINY_GRADIENT: subnormal products would be slow (see Backend). For the scalar
     * tails; the vector loops write {@code g.blend(0f, g.abs().compare(LT, TINY_GRADIENT))} out in place,
     * as the class comment explains.
     */
    static float flushTiny(float gradient) {
        return ScalarUpdates.flushTiny(gradient);
    }

    @Override
    public void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor delta) {
        ShapeChecks.sameShape("activationBackward", output, gradOutput, delta);
        ActivationGradients.apply(f, output.data(), gradOutput.data(), delta.data(), output.rows(), threadsHere());
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        ShapeChecks.rowVector("sumRows", a, out);
        int m = a.rows(), n = a.cols();
        float[] av = a.data(), ov = out.data();
        Arrays.fill(ov, 0f);
        int bound = SPECIES.loopBound(n);
        // Same order as the scalar loop (row by row into the running column sums), so the sums match exactly.
        for (int i = 0; i < m; i++) {
            int row = i * n;
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, ov, j).add(FloatVector.fromArray(SPECIES, av, row + j)).intoArray(ov, j);
            }
            for (; j < n; j++) {
                ov[j] += av[row + j];
            }
        }
    }

    /**
     * @param lanes this thread's {@link Lanes#scratch()}
     * @return the largest of z[from .. from+n)
     */
    private static float rowMax(float[] z, int from, int n, float[] lanes) {
        int bound = SPECIES.loopBound(n);
        FloatVector maxV = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            maxV = FloatVector.fromArray(SPECIES, z, from + j).max(maxV);
        }
        TYPED_ZERO.add(maxV).intoArray(lanes, 0);
        float max = Lanes.max(lanes);
        for (; j < n; j++) {
            max = Math.max(max, z[from + j]);
        }
        return max;
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor out) {
        ShapeChecks.sameShape("softmaxRows", logits, out);
        int m = logits.rows(), n = logits.cols();
        float[] z = logits.data(), p = out.data();
        float[] lanes = Lanes.scratch();
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = rowMax(z, row, n, lanes);
            float sum = VectorExp.exp(z, p, row, row + n, 1f, -max, Float.NEGATIVE_INFINITY, lanes);
            float inv = 1f / sum;
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, p, row + j).mul(inv).intoArray(p, row + j);
            }
            for (; j < n; j++) {
                p[row + j] *= inv;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Row by row in three passes, with s = z − max: the target term Σ y·s; e = exp(max(s,
     * {@link #MIN_LOG_PROBABILITY})) and Σ e; then p = e / Σ e and ∂L/∂z = (p − y)/m, with Σ y. The
     * row's loss is (Σ y)·log Σ e − Σ y·s, the same as −Σ y·log p. The scalar code takes
     * exp(log p) instead of e / Σ e; both round differently, by an ulp or so.
     */
    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor gradLogits) {
        ShapeChecks.sameShape("softmaxCrossEntropy", logits, targets, gradLogits);
        int m = logits.rows(), n = logits.cols();
        float[] z = logits.data(), y = targets.data(), grad = gradLogits.data();
        float invBatch = 1f / m;
        if (n < SPECIES.length()) {
            return softmaxCrossEntropyShortRows(z, y, grad, m, n, invBatch);
        }
        float[] lanes = Lanes.scratch();
        int bound = SPECIES.loopBound(n);
        double loss = 0;
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = rowMax(z, row, n, lanes);
            // Pass 1: s = z − max, written to grad (which may alias z), and Σ y·s. Terms with y = 0 are
            // skipped like the scalar code does, so that 0 · (−∞) never turns into NaN.
            FloatVector maxV = FloatVector.broadcast(SPECIES, max);
            FloatVector targetTermV = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector shifted = FloatVector.fromArray(SPECIES, z, row + j).sub(maxV);
                FloatVector yj = FloatVector.fromArray(SPECIES, y, row + j);
                targetTermV = yj.mul(shifted).blend(0f, yj.compare(VectorOperators.EQ, 0f)).add(targetTermV);
                shifted.intoArray(grad, row + j);
            }
            TYPED_ZERO.add(targetTermV).intoArray(lanes, 0);
            double targetTerm = Lanes.sum(lanes);
            for (; j < n; j++) {
                float shifted = z[row + j] - max;
                float yj = y[row + j];
                if (yj != 0f) {
                    targetTerm += yj * shifted;
                }
                grad[row + j] = shifted;
            }
            // Pass 2: e = exp(max(s, MIN_LOG_PROBABILITY)) in place, and Σ e.
            float sum = VectorExp.exp(grad, grad, row, row + n, 1f, 0f, MIN_LOG_PROBABILITY, lanes);
            // Pass 3: ∂L/∂z = (p − y)/m with p = e / Σ e (softmax and cross-entropy derivatives cancel
            // into this), and Σ y. flushTiny is written out here: see the class comment on inlining.
            float inv = 1f / sum;
            FloatVector targetSumV = FloatVector.zero(SPECIES);
            j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector yj = FloatVector.fromArray(SPECIES, y, row + j);
                FloatVector g = FloatVector.fromArray(SPECIES, grad, row + j).mul(inv).sub(yj).mul(invBatch);
                g.blend(0f, g.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(grad, row + j);
                targetSumV = yj.add(targetSumV);
            }
            TYPED_ZERO.add(targetSumV).intoArray(lanes, 0);
            float targetSum = Lanes.sum(lanes);
            for (; j < n; j++) {
                grad[row + j] = flushTiny((grad[row + j] * inv - y[row + j]) * invBatch);
                targetSum += y[row + j];
            }
            loss += targetSum * StrictMath.log(sum) - targetTerm;
        }
        return loss;
    }

    /**
     * Softmax cross-entropy for rows shorter than one vector (ten digit classes against 16 lanes): no row
     * holds a whole vector, so the row work (maximum, sums, the loss) is scalar code. Same math as the
     * row loop: with s = z − max, loss = Σ_rows (Σ y)·log Σ eˢ − Σ y·s. Each element is read before
     * gradLogits is written, because it may alias logits.
     *
     * <p>The exponentials, which took two thirds of the time one by one (30 cycles each), are taken in
     * vectors over the whole flattened batch when it has at least {@value #SHORT_ROWS_VECTOR_EXP_MIN_VALUES}
     * values: 64 × 10 went from 10.9 to 5.8 µs, 128 × 10 from 22.2 to 11.9 µs (2026-12-02,
     * bench/results/2026-12-02-c), with the same bits, because {@link VectorExp#exp(float, float, float, float)}
     * gives the bits of the vector lanes. Smaller batches stay scalar: {@link VectorExp}'s loop is a method
     * too big for C2 to inline into its caller, so it runs as vector code only once C2 compiles it on its
     * own, and until then the Vector API runs its Java fallback, where every vector is a heap object. With a
     * small output layer (a CNN's two classes: 8 vectors a step) that took longer than training; with relu128's
     * 40 vectors a step C2 had compiled it by the end of the first epoch. Scalar code allocates nothing
     * whichever compiler ran it.
     */
    private static double softmaxCrossEntropyShortRows(float[] z, float[] y, float[] grad, int m, int n,
                                                       float invBatch) {
        double loss = 0;
        // Pass 1, per row: shift by the row maximum, s = z − max, and gather the y terms.
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[row + j]);
            }
            for (int j = 0; j < n; j++) {
                float shifted = z[row + j] - max;
                float yj = y[row + j];
                if (yj != 0f) {
                    loss -= yj * shifted;
                }
                grad[row + j] = shifted;
            }
        }
        // e = exp(max(s, MIN_LOG_PROBABILITY)) over the whole batch at once: in vectors when there are enough of
        // them (the same bits as the scalar twin), else one by one.
        int values = m * n;
        if (values >= SHORT_ROWS_VECTOR_EXP_MIN_VALUES) {
            VectorExp.exp(grad, grad, 0, values, 1f, 0f, MIN_LOG_PROBABILITY, Lanes.scratch());
        } else {
            for (int i = 0; i < values; i++) {
                grad[i] = VectorExp.exp(grad[i], 1f, 0f, MIN_LOG_PROBABILITY);
            }
        }
        // Pass 2, per row: p = e / Σ e, the log-sum term of the loss, and ∂L/∂z = (p − y)/m.
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float sum = 0f, targetSum = 0f;
            for (int j = 0; j < n; j++) {
                sum += grad[row + j];
                targetSum += y[row + j];
            }
            loss += targetSum * StrictMath.log(sum);
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                grad[row + j] = flushTiny((grad[row + j] * inv - y[row + j]) * invBatch);
            }
        }
        return loss;
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor targets, Tensor gradPrediction) {
        ShapeChecks.sameShape("meanSquaredError", prediction, targets, gradPrediction);
        float[] a = prediction.data(), y = targets.data(), grad = gradPrediction.data();
        float invBatch = 1f / prediction.rows();
        float[] lanes = Lanes.scratch();
        int bound = SPECIES.loopBound(a.length);
        double loss = 0;
        int i = 0;
        // The scalar loop sums in double; a float vector sum is reduced into the double every
        // LOSS_CHUNK elements so that rounding error cannot build up over a large tensor.
        while (i < bound) {
            int end = Math.min(bound, i + LOSS_CHUNK);
            FloatVector sumV = FloatVector.zero(SPECIES);
            for (; i < end; i += SPECIES.length()) {
                FloatVector diff = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, y, i));
                sumV = diff.fma(diff, sumV);
                FloatVector g = diff.mul(invBatch);
                g.blend(0f, g.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(grad, i);
            }
            TYPED_ZERO.add(sumV).intoArray(lanes, 0);
            loss += 0.5 * Lanes.sum(lanes);
        }
        for (; i < a.length; i++) {
            float diff = a[i] - y[i];
            loss += 0.5 * diff * diff;
            grad[i] = flushTiny(diff * invBatch);
        }
        return loss;
    }

    @Override
    public void hadamard(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.sameShape("hadamard", a, b, out);
        float[] av = a.data(), bv = b.data(), ov = out.data();
        int bound = SPECIES.loopBound(ov.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, av, i).mul(FloatVector.fromArray(SPECIES, bv, i)).intoArray(ov, i);
        }
        for (; i < ov.length; i++) {
            ov[i] = av[i] * bv[i];
        }
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        ShapeChecks.sameShape("axpy", x, y);
        float[] xv = x.data(), yv = y.data();
        FloatVector alphaV = FloatVector.broadcast(SPECIES, alpha);
        int bound = SPECIES.loopBound(yv.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, xv, i).fma(alphaV, FloatVector.fromArray(SPECIES, yv, i)).intoArray(yv, i);
        }
        for (; i < yv.length; i++) {
            yv[i] = Math.fma(alpha, xv[i], yv[i]);
        }
    }

    @Override
    public void fill(Tensor t, float value) {
        float[] tv = t.data();
        FloatVector v = FloatVector.broadcast(SPECIES, value);
        int bound = SPECIES.loopBound(tv.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            v.intoArray(tv, i);
        }
        for (; i < tv.length; i++) {
            tv[i] = value;
        }
    }

    @Override
    public void sgdStep(Tensor param, Tensor grad, float learningRate, float weightDecay) {
        ShapeChecks.sameShape("sgdStep", param, grad);
        float[] w = param.data(), g = grad.data();
        int bound = SPECIES.loopBound(w.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            wi.sub(gi.mul(learningRate)).intoArray(w, i);
        }
        for (; i < w.length; i++) {
            w[i] -= learningRate * (g[i] + weightDecay * w[i]);
        }
    }

    @Override
    public void momentumStep(Tensor param, Tensor grad, Tensor velocity, float learningRate, float momentum,
                             float weightDecay, boolean nesterov) {
        ShapeChecks.sameShape("momentumStep", param, grad, velocity);
        OptimizerSteps.momentum(param.data(), grad.data(), velocity.data(), learningRate, momentum, weightDecay,
                nesterov, threadsHere());
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor firstMoment, Tensor secondMoment, float learningRate,
                         float beta1, float beta2, float epsilon, long step, float weightDecay) {
        ShapeChecks.sameShape("adamStep", param, grad, firstMoment, secondMoment);
        // The bias corrections are the same for every element, so fold them into two scalars.
        float correction1 = (float) (1.0 / (1.0 - StrictMath.pow(beta1, step)));
        float correction2 = (float) (1.0 / (1.0 - StrictMath.pow(beta2, step)));
        OptimizerSteps.adam(param.data(), grad.data(), firstMoment.data(), secondMoment.data(), learningRate, beta1,
                beta2, epsilon, correction1, correction2, weightDecay, threadsHere());
    }

    // ---- Convolution and pooling: memory moves around the matrix products, in ConvKernels ----

    @Override
    public void im2col(ConvGeometry g, Tensor input, Tensor columns) {
        ShapeChecks.im2col("im2col", g, input, columns);
        ConvKernels.im2col(g, input.data(), columns.data(), input.rows(), threadsHere());
    }

    @Override
    public void col2im(ConvGeometry g, Tensor columns, Tensor gradInput) {
        ShapeChecks.im2col("col2im", g, gradInput, columns);
        ConvKernels.col2im(g, columns.data(), gradInput.data(), gradInput.rows(), threadsHere());
    }

    @Override
    public void channelsToExamples(Tensor z, Tensor bias, Activation f, Tensor out) {
        ShapeChecks.channels("channelsToExamples", z, out, bias);
        ConvKernels.channelsToExamples(z.data(), bias.data(), f, out.data(), z.rows(), out.rows(), threadsHere());
    }

    @Override
    public void examplesToChannels(Tensor examples, Tensor channels, Tensor channelSums) {
        ShapeChecks.channels("examplesToChannels", channels, examples, channelSums);
        ConvKernels.examplesToChannels(examples.data(), channels.data(), channelSums.data(), channels.rows(),
                examples.rows(), threadsHere());
    }

    /** @return whether {@link DirectConvKernel} takes this geometry: stride 1 and at most 32 taps */
    @Override
    public boolean convolvesDirectly(ConvGeometry g) {
        return DirectConvKernel.suits(g);
    }

    /** On the calling thread: {@code Conv2d} gives the threads whole groups of examples. */
    @Override
    public void convolve(ConvGeometry g, Tensor input, Tensor weights, Tensor bias, Activation f, Tensor output) {
        ShapeChecks.convolution("convolve", g, input, weights, bias, output);
        if (!DirectConvKernel.suits(g)) {
            REFERENCE.convolve(g, input, weights, bias, f, output); // correct for any geometry, not fast
            return;
        }
        DirectConvKernel.forward(g, input.data(), weights.data(), bias.data(), f, output.data(), input.rows(),
                weights.rows());
    }

    /** On the calling thread, as {@link #convolve}. */
    @Override
    public void convolutionGradients(ConvGeometry g, Tensor input, Tensor delta, Tensor gradWeights, Tensor gradBias) {
        ShapeChecks.convolution("convolutionGradients", g, input, gradWeights, gradBias, delta);
        if (!DirectConvKernel.suits(g)) {
            REFERENCE.convolutionGradients(g, input, delta, gradWeights, gradBias);
            return;
        }
        DirectConvKernel.gradients(g, input.data(), delta.data(), gradWeights.data(), gradBias.data(), input.rows(),
                gradWeights.rows());
    }

    @Override
    public void maxPool(ConvGeometry g, Tensor input, Tensor output, int[] argmax) {
        ShapeChecks.maxPool("maxPool", g, input, output, argmax);
        ConvKernels.maxPool(g, input.data(), output.data(), argmax, input.rows(), threadsHere());
    }

    @Override
    public void maxPoolBackward(ConvGeometry g, Tensor gradOutput, int[] argmax, Tensor gradInput) {
        ShapeChecks.maxPool("maxPoolBackward", g, gradInput, gradOutput, argmax);
        ConvKernels.maxPoolBackward(g, gradOutput.data(), argmax, gradInput.data(), gradInput.rows(), threadsHere());
    }
}
