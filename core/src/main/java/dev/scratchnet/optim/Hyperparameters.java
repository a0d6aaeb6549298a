package dev.scratchnet.optim;

/** Range checks for hyper-parameters, with the range in the message. */
final class Hyperparameters {
    private Hyperparameters() {
    }

    static float nonNegative(String name, float value) {
        if (!(value >= 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a number ≥ 0, got " + value);
        }
        return value;
    }

    static float fraction(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
