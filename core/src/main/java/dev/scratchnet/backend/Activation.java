package dev.scratchnet.backend;

import dev.scratchnet.CliNames;

/**
 * The element-wise non-linearities a {@code Dense} layer can apply, y = f(z), with their scalar math
 * in one place: {@link #apply(float)} is f and {@link #derivativeFromOutput(float)} is f′. Every
 * backend's scalar loops and tails call these two, so adding an activation means adding it here, to
 * the vector loops of the {@code simd} backend (which does not compile until it has one), and to
 * docs/backprop.md.
 *
 * <p>Each derivative is written in terms of the output y, because that is what the forward pass
 * keeps: backward never needs z itself.
 */
public enum Activation {
    /** f(z) = z; f' = 1. Used for the logits that feed softmax cross-entropy, and for regression. */
    IDENTITY,
    /** f(z) = 1 / (1 + e^(−z)); f' = y (1 − y). */
    SIGMOID,
    /** f(z) = tanh z; f' = 1 − y². */
    TANH,
    /** f(z) = max(0, z); f' = 1 where y &gt; 0, else 0. */
    RELU,
    /** f(z) = z for z &gt; 0, else {@value #LEAKY_SLOPE}·z; f' = 1 where y &gt; 0, else {@value #LEAKY_SLOPE}. */
    LEAKY_RELU;

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final float LEAKY_SLOPE = 0.01f;

    /**
     * f(z) for one value, the reference: sigmoid and tanh go through {@link Math#exp} and
     * {@link Math#tanh} in double and round once to float.
     *
     * @param z the pre-activation value
     * @return y = f(z)
     */
    public float apply(float z) {
        return switch (this) {
            case IDENTITY -> z;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-z)));
            case TANH -> (float) Math.tanh(z);
            case RELU -> z > 0f ? z : 0f;
            case LEAKY_RELU -> z > 0f ? z : LEAKY_SLOPE * z;
        };
    }

    /**
     * f′ for one value, written in terms of the output y = f(z).
     *
     * @param y the forward output f(z)
     * @return f′(z), computed from y
     */
    public float derivativeFromOutput(float y) {
        return switch (this) {
            case IDENTITY -> 1f;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case RELU -> y > 0f ? 1f : 0f;
            case LEAKY_RELU -> y > 0f ? 1f : LEAKY_SLOPE;
        };
    }

    /**
     * Parses a name as the command line spells it: {@code identity}, {@code sigmoid}, {@code tanh},
     * {@code relu}, {@code leaky-relu} (case and {@code -}/{@code _} do not matter).
     *
     * @param name the name to parse
     * @return the activation
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static Activation parse(String name) {
        return CliNames.parse(Activation.class, "activation", name);
    }

    /** @return the command-line spelling, for example {@code leaky-relu} */
    public String cliName() {
        return CliNames.of(this);
    }
}
