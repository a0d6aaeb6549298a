package dev.scratchnet.layer;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How a dense layer's weights and biases start. The scale matters: too large and sigmoid units
 * saturate, too small and the signal fades layer by layer.
 */
public enum Initializer {
    /** Weights and biases N(0, 1): the textbook start (Nielsen's network.py). Saturates wide layers. */
    NORMAL,
    /** Weights N(0, 1/n_in), biases N(0, 1): keeps z near unit variance for sigmoid and tanh units. */
    SCALED_NORMAL,
    /** Glorot and Bengio (2010): weights N(0, 2/(n_in + n_out)), zero biases. For sigmoid and tanh. */
    XAVIER,
    /** He et al. (2015): weights N(0, 2/n_in), zero biases. ReLU zeroes half its inputs, so double the variance. */
    HE;

    /**
     * Fills a weight matrix (n_in × n_out) and a bias (1 × n_out).
     *
     * @param weights the weights to fill, (n_in × n_out) row-major
     * @param bias the bias to fill, n_out values
     * @param inputs n_in
     * @param outputs n_out
     * @param random the source of randomness
     */
    public void initialize(float[] weights, float[] bias, int inputs, int outputs, RandomGenerator random) {
        double weightStd = switch (this) {
            case NORMAL -> 1.0;
            case SCALED_NORMAL -> Math.sqrt(1.0 / inputs);
            case XAVIER -> Math.sqrt(2.0 / (inputs + outputs));
            case HE -> Math.sqrt(2.0 / inputs);
        };
        boolean randomBias = this == NORMAL || this == SCALED_NORMAL;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * weightStd);
        }
        for (int j = 0; j < bias.length; j++) {
            bias[j] = randomBias ? (float) random.nextGaussian() : 0f;
        }
    }

    /**
     * Parses {@code normal}, {@code scaled-normal}, {@code xavier} or {@code he} (any case).
     *
     * @param name the name
     * @return the initializer
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Initializer parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Initializer i : values()) {
            if (i.name().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "unknown initializer '" + name + "'; use one of normal, scaled-normal, xavier, he");
    }

    /** @return the command-line spelling, for example {@code scaled-normal} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
