package dev.scratchnet.simd;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ShapeChecks;
import dev.scratchnet.tensor.Tensor;
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
 * for bit; exp and tanh come from the Vector API's vectorised math, which may differ from
 * {@link Math#exp} in the last bit.
 *
 * <p>The three matrix products run on {@link MatmulKernel} (register tiles, packed panels, cache
 * blocks) and split large products across {@link #threads()} threads by blocks of the output.
 * Thread-safe and stateless apart from the thread count.
 */
public final class VectorBackend implements Backend {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    /** Elements per partial sum in {@link #meanSquaredError}; a multiple of every lane count. */
    private static final int LOSS_CHUNK = 1024;

    private final int threads;

    /**
     * Creates the backend.
     *
     * @param threads how many threads a large matrix product may use, at least 1
     * @throws IllegalArgumentException if threads is below 1
     * @throws IllegalStateException if the system property {@code nn.simd.bits} is unusable
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

    @Override
    public String toString() {
        return "VectorBackend[" + SPECIES.vectorBitSize() + "-bit, " + threads + " thread" + (threads == 1 ? "" : "s") + "]";
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmul("matmul", a, b, out);
        MatmulKernel.multiply(a.data(), false, b.data(), false, out.data(), a.rows(), b.cols(), a.cols(), threads);
    }

    @Override
    public void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeA("matmulTransposeA", a, b, out);
        MatmulKernel.multiply(a.data(), true, b.data(), false, out.data(), a.cols(), b.cols(), a.rows(), threads);
    }

    @Override
    public void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeB("matmulTransposeB", a, b, out);
        MatmulKernel.multiply(a.data(), false, b.data(), true, out.data(), a.rows(), b.rows(), a.cols(), threads);
    }

    @Override
    public void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out) {
        ShapeChecks.sameShape("addBiasActivate", z, out);
        ShapeChecks.rowVector("addBiasActivate", z, bias);
        int m = z.rows(), n = z.cols();
        float[] zv = z.data(), bv = bias.data(), ov = out.data();
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector x = FloatVector.fromArray(SPECIES, zv, row + j).add(FloatVector.fromArray(SPECIES, bv, j));
                activate(f, x).intoArray(ov, row + j);
            }
            for (; j < n; j++) {
                ov[row + j] = activate(f, zv[row + j] + bv[j]);
            }
        }
    }

    /** f(x) for a vector of values; the same cases as the scalar {@link #activate(Activation, float)}. */
    private static FloatVector activate(Activation f, FloatVector x) {
        return switch (f) {
            case IDENTITY -> x;
            case SIGMOID -> FloatVector.broadcast(SPECIES, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
            case TANH -> x.lanewise(VectorOperators.TANH);
            case RELU -> FloatVector.zero(SPECIES).blend(x, x.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU -> x.mul(Activation.LEAKY_SLOPE).blend(x, x.compare(VectorOperators.GT, 0f));
        };
    }

    /** f(x) for one value, for the tails; identical to {@code ScalarBackend}'s. */
    private static float activate(Activation f, float x) {
        return switch (f) {
            case IDENTITY -> x;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case RELU -> x > 0f ? x : 0f;
            case LEAKY_RELU -> x > 0f ? x : Activation.LEAKY_SLOPE * x;
        };
    }

    /** f′ for a vector of outputs y = f(z); the same cases as the scalar {@link #derivativeFromOutput(Activation, float)}. */
    private static FloatVector derivativeFromOutput(Activation f, FloatVector y) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        return switch (f) {
            case IDENTITY -> one;
            case SIGMOID -> y.mul(one.sub(y));
            case TANH -> one.sub(y.mul(y));
            case RELU -> FloatVector.zero(SPECIES).blend(one, y.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU -> FloatVector.broadcast(SPECIES, Activation.LEAKY_SLOPE)
                    .blend(one, y.compare(VectorOperators.GT, 0f));
        };
    }

    /** f′ written in terms of the output y = f(z), for the tails. */
    private static float derivativeFromOutput(Activation f, float y) {
        return switch (f) {
            case IDENTITY -> 1f;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case RELU -> y > 0f ? 1f : 0f;
            case LEAKY_RELU -> y > 0f ? 1f : Activation.LEAKY_SLOPE;
        };
    }

    @Override
    public void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ShapeChecks.sameShape("activationBackward", output, gradOutput, gradInput);
        float[] y = output.data(), g = gradOutput.data(), out = gradInput.data();
        int bound = SPECIES.loopBound(y.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector yi = FloatVector.fromArray(SPECIES, y, i);
            FloatVector.fromArray(SPECIES, g, i).mul(derivativeFromOutput(f, yi)).intoArray(out, i);
        }
        for (; i < y.length; i++) {
            out[i] = g[i] * derivativeFromOutput(f, y[i]);
        }
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        ShapeChecks.rowVector("sumRows", a, out);
        int m = a.rows(), n = a.cols();
        float[] av = a.data(), ov = out.data();
        java.util.Arrays.fill(ov, 0f);
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

    /** @return the largest of z[from .. from+n) */
    private static float rowMax(float[] z, int from, int n) {
        int bound = SPECIES.loopBound(n);
        FloatVector maxV = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            maxV = maxV.max(FloatVector.fromArray(SPECIES, z, from + j));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
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
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = rowMax(z, row, n);
            FloatVector maxV = FloatVector.broadcast(SPECIES, max);
            FloatVector sumV = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector e = FloatVector.fromArray(SPECIES, z, row + j).sub(maxV).lanewise(VectorOperators.EXP);
                e.intoArray(p, row + j);
                sumV = sumV.add(e);
            }
            float sum = sumV.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                float e = (float) Math.exp(z[row + j] - max);
                p[row + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, p, row + j).mul(inv).intoArray(p, row + j);
            }
            for (; j < n; j++) {
                p[row + j] *= inv;
            }
        }
    }

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor gradLogits) {
        ShapeChecks.sameShape("softmaxCrossEntropy", logits, targets, gradLogits);
        int m = logits.rows(), n = logits.cols();
        float[] z = logits.data(), y = targets.data(), grad = gradLogits.data();
        float invBatch = 1f / m;
        int bound = SPECIES.loopBound(n);
        double loss = 0;
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = rowMax(z, row, n);
            FloatVector maxV = FloatVector.broadcast(SPECIES, max);
            FloatVector sumV = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                sumV = sumV.add(FloatVector.fromArray(SPECIES, z, row + j).sub(maxV).lanewise(VectorOperators.EXP));
            }
            float sum = sumV.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                sum += (float) Math.exp(z[row + j] - max);
            }
            float logSum = (float) Math.log(sum);
            FloatVector lossV = FloatVector.zero(SPECIES);
            j = 0;
            for (; j < bound; j += SPECIES.length()) {
                // Subtract twice, as the scalar loop does: z − (max + logSum) would round differently.
                FloatVector logP = FloatVector.fromArray(SPECIES, z, row + j).sub(maxV).sub(logSum);
                FloatVector yj = FloatVector.fromArray(SPECIES, y, row + j);
                // Skip y = 0 like the scalar code, so that 0 · log 0 never turns into NaN.
                VectorMask<Float> hit = yj.compare(VectorOperators.NE, 0f);
                lossV = lossV.add(yj.mul(logP), hit);
                // ∂L/∂z_j = p_j − y_j: softmax and cross-entropy derivatives cancel into this.
                logP.lanewise(VectorOperators.EXP).sub(yj).mul(invBatch).intoArray(grad, row + j);
            }
            loss -= lossV.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                float logP = z[row + j] - max - logSum;
                float yj = y[row + j];
                if (yj != 0f) {
                    loss -= yj * logP;
                }
                grad[row + j] = ((float) Math.exp(logP) - yj) * invBatch;
            }
        }
        return loss;
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor targets, Tensor gradPrediction) {
        ShapeChecks.sameShape("meanSquaredError", prediction, targets, gradPrediction);
        float[] a = prediction.data(), y = targets.data(), grad = gradPrediction.data();
        float invBatch = 1f / prediction.rows();
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
                diff.mul(invBatch).intoArray(grad, i);
            }
            loss += 0.5 * sumV.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            float diff = a[i] - y[i];
            loss += 0.5 * diff * diff;
            grad[i] = diff * invBatch;
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
    public void scale(float alpha, Tensor x) {
        float[] xv = x.data();
        int bound = SPECIES.loopBound(xv.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, xv, i).mul(alpha).intoArray(xv, i);
        }
        for (; i < xv.length; i++) {
            xv[i] *= alpha;
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
        float[] w = param.data(), g = grad.data(), v = velocity.data();
        int bound = SPECIES.loopBound(w.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(momentum).add(gi);
            vi.intoArray(v, i);
            FloatVector step = nesterov ? gi.add(vi.mul(momentum)) : vi;
            wi.sub(step.mul(learningRate)).intoArray(w, i);
        }
        for (; i < w.length; i++) {
            float gi = g[i] + weightDecay * w[i];
            v[i] = momentum * v[i] + gi;
            w[i] -= learningRate * (nesterov ? gi + momentum * v[i] : v[i]);
        }
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor firstMoment, Tensor secondMoment, float learningRate,
                         float beta1, float beta2, float epsilon, long step, float weightDecay) {
        ShapeChecks.sameShape("adamStep", param, grad, firstMoment, secondMoment);
        float[] w = param.data(), g = grad.data(), m = firstMoment.data(), v = secondMoment.data();
        // The bias corrections are the same for every element, so fold them into two scalars.
        float correction1 = (float) (1.0 / (1.0 - Math.pow(beta1, step)));
        float correction2 = (float) (1.0 / (1.0 - Math.pow(beta2, step)));
        int bound = SPECIES.loopBound(w.length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            FloatVector mi = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gi.mul(1f - beta1));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gi.mul(1f - beta2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector mHat = mi.mul(correction1);
            FloatVector vHat = vi.mul(correction2);
            wi.sub(mHat.mul(learningRate).div(vHat.sqrt().add(epsilon))).intoArray(w, i);
        }
        for (; i < w.length; i++) {
            float gi = g[i] + weightDecay * w[i];
            m[i] = beta1 * m[i] + (1f - beta1) * gi;
            v[i] = beta2 * v[i] + (1f - beta2) * gi * gi;
            float mHat = m[i] * correction1;
            float vHat = v[i] * correction2;
            w[i] -= learningRate * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }
}
