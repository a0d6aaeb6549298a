package dev.scratchnet.backend;

/**
 * The element-wise non-linearities a {@code Dense} layer can apply, y = f(z).
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
     * Parses a name as the command line spells it: {@code identity}, {@code sigmoid}, {@code tanh},
     * {@code relu}, {@code leaky-relu} (case and {@code -}/{@code _} do not matter).
     *
     * @param name the name to parse
     * @return the activation
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static Activation parse(String name) {
        String key = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.name().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown activation '" + name + "'; use one of identity, sigmoid, tanh, relu, leaky-relu");
    }

    /** @return the command-line spelling, for example {@code leaky-relu} */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
