package dev.scratchnet.backend;

import static dev.scratchnet.backend.Backend.TINY_GRADIENT;
import static dev.scratchnet.backend.Backend.TINY_GRADIENT_TO_SQUARE;

/**
 * The optimizer updates one value at a time, over a range of a parameter: {@link ScalarBackend} runs
 * them over whole arrays, and a vector backend over the values its vectors leave at the end. One copy
 * of the arithmetic means both give the same bits for those values.
 */
public final class ScalarUpdates {
    private ScalarUpdates() {
    }

    /**
     * @param gradient a gradient, velocity or moment
     * @return 0 where |gradient| &lt; {@link Backend#TINY_GRADIENT}, else the gradient: subnormal values
     *         would make the arithmetic slow (see Backend)
     */
    public static float flushTiny(float gradient) {
        return Math.abs(gradient) < TINY_GRADIENT ? 0f : gradient;
    }

    /**
     * Momentum for values [from, to): g′ = g + λ·w, v = μ·v + g′, w −= η·v (Nesterov: w −= η·(g′ + μ·v)).
     *
     * @param w the weights, updated
     * @param g their gradient
     * @param v the velocity, updated
     * @param from the first value
     * @param to one past the last value
     * @param learningRate η
     * @param momentum μ
     * @param weightDecay λ
     * @param nesterov whether to take the Nesterov form
     */
    public static void momentum(float[] w, float[] g, float[] v, int from, int to, float learningRate,
                                float momentum, float weightDecay, boolean nesterov) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + weightDecay * w[i];
            v[i] = flushTiny(momentum * v[i] + gi);
            w[i] -= learningRate * (nesterov ? gi + momentum * v[i] : v[i]);
        }
    }

    /**
     * Adam for values [from, to), with the bias corrections 1/(1 − βᵗ) already folded into two factors:
     * g′ = g + λ·w, m = β₁·m + (1 − β₁)·g′, v = β₂·v + (1 − β₂)·g′², w −= η·m̂ / (√v̂ + ε).
     *
     * @param w the weights, updated
     * @param g their gradient
     * @param m the first moment, updated
     * @param v the second moment, updated
     * @param from the first value
     * @param to one past the last value
     * @param learningRate η
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param correction1 1/(1 − β₁ᵗ), giving m̂ = m·correction1
     * @param correction2 1/(1 − β₂ᵗ), giving v̂ = v·correction2
     * @param weightDecay λ
     */
    public static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float learningRate,
                            float beta1, float beta2, float epsilon, float correction1, float correction2,
                            float weightDecay) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + weightDecay * w[i];
            m[i] = flushTiny(beta1 * m[i] + (1f - beta1) * gi);
            float giSquared = Math.abs(gi) < TINY_GRADIENT_TO_SQUARE ? 0f : gi * gi;
            v[i] = flushTiny(beta2 * v[i] + (1f - beta2) * giSquared);
            float mHat = m[i] * correction1;
            float vHat = v[i] * correction2;
            w[i] -= learningRate * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }
}
