package dev.scratchnet.loss;

import dev.scratchnet.CliNames;
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
            case "ce", "softmax-cross-entropy" -> CROSS_ENTROPY;
            case "mse", "mean-squared-error" -> QUADRATIC;
            default -> CliNames.parse(LossKind.class, "loss", name);
        };
    }

    /** @return the command-line spelling */
    public String cliName() {
        return CliNames.of(this);
    }
}
