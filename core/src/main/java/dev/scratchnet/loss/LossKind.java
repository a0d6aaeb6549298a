package dev.scratchnet.loss;

import java.util.Locale;

/** The losses Scratchnet knows, by the names the command line and model files use. */
public enum LossKind {
    /** {@link SoftmaxCrossEntropy}: pair it with an identity output layer. */
    CROSS_ENTROPY,
    /** {@link MeanSquaredError}: the textbook quadratic cost. */
    QUADRATIC;

    /** @return a new loss of this kind */
    public Loss create() {
        return switch (this) {
            case CROSS_ENTROPY -> new SoftmaxCrossEntropy();
            case QUADRATIC -> new MeanSquaredError();
        };
    }

    /**
     * Parses {@code cross-entropy} (or {@code ce}) and {@code quadratic} (or {@code mse}).
     *
     * @param name the name
     * @return the loss kind
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LossKind parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cross-entropy", "cross_entropy", "ce", "softmax-cross-entropy" -> CROSS_ENTROPY;
            case "quadratic", "mse", "mean-squared-error" -> QUADRATIC;
            default -> throw new IllegalArgumentException(
                    "unknown loss '" + name + "'; use cross-entropy or quadratic");
        };
    }

    /** @return the command-line spelling */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
