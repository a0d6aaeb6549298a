package dev.scratchnet.optim;

/**
 * The range checks of hyper-parameters, one per rule, so that a rule and its message are written once:
 * the optimizers, {@code TrainingConfig} and {@code Dropout} all check through here. Each returns the
 * value it accepts, and otherwise throws an {@link IllegalArgumentException} whose message names the
 * value and its range.
 */
public final class Hyperparameters {
    private Hyperparameters() {
    }

    /**
     * A finite number above 0: a learning rate, Adam's ε.
     *
     * @param name what the value is, for the message
     * @param value the value
     * @return value
     * @throws IllegalArgumentException if value is not a finite number &gt; 0
     */
    public static float positive(String name, float value) {
        if (!(value > 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a number > 0, got " + value);
        }
        return value;
    }

    /**
     * A finite number at least 0: a weight decay.
     *
     * @param name what the value is, for the message
     * @param value the value
     * @return value
     * @throws IllegalArgumentException if value is not a finite number ≥ 0
     */
    public static float nonNegative(String name, float value) {
        if (!(value >= 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a number ≥ 0, got " + value);
        }
        return value;
    }

    /**
     * A fraction in [0, 1): a momentum, a decay rate β, a dropout rate.
     *
     * @param name what the value is, for the message
     * @param value the value
     * @return value
     * @throws IllegalArgumentException if value is not in [0, 1)
     */
    public static float fraction(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * A count of at least 1: a batch size, a number of epochs.
     *
     * @param name what the value is, for the message
     * @param value the value
     * @return value
     * @throws IllegalArgumentException if value is below 1
     */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}
