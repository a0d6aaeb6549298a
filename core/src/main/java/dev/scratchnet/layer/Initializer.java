package dev.scratchnet.layer;

import dev.scratchnet.CliNames;
import dev.scratchnet.backend.Activation;
import java.util.random.RandomGenerator;

/**
 * How a layer's weights and biases start. The scale matters: too large and sigmoid units
 * saturate, too small and the signal fades layer by layer. The variances are in terms of the fan-in
 * n_in (the inputs one unit sums: in for a dense layer, c·k·k for a k×k convolution over c channels)
 * and the fan-out n_out.
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
     * The default for a layer with activation f: He for ReLU and leaky ReLU, Xavier otherwise.
     *
     * @param f the layer's activation
     * @return the initializer
     */
    public static Initializer defaultFor(Activation f) {
        return f == Activation.RELU || f == Activation.LEAKY_RELU ? HE : XAVIER;
    }

    /**
     * Fills a layer's weights and biases; every weight is drawn the same way, whatever their layout.
     *
     * @param weights the weights to fill, for example (n_in × n_out) row-major for a dense layer
     * @param bias the bias to fill, one value per unit
     * @param inputs n_in, the fan-in
     * @param outputs n_out, the fan-out
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
        return CliNames.parse(Initializer.class, "initializer", name);
    }

    /** @return the command-line spelling, for example {@code scaled-normal} */
    public String cliName() {
        return CliNames.of(this);
    }
}
