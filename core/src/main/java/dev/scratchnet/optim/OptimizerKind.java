package dev.scratchnet.optim;

import dev.scratchnet.CliNames;

/** The optimizers Scratchnet knows, by the names the command line and model files use. */
public enum OptimizerKind {
    /** {@link Sgd}. */
    SGD,
    /** {@link Momentum} without look-ahead. */
    MOMENTUM,
    /** {@link Momentum} with Nesterov's look-ahead. */
    NESTEROV,
    /** {@link Adam}. */
    ADAM;

    /**
     * Parses {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam} (any case).
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OptimizerKind parse(String name) {
        return CliNames.parse(OptimizerKind.class, "optimizer", name);
    }

    /** @return the command-line spelling */
    public String cliName() {
        return CliNames.of(this);
    }
}
