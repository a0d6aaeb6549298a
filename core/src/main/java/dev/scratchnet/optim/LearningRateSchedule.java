package dev.scratchnet.optim;

import java.util.Locale;

/**
 * The learning rate for each epoch, as a fraction of the base rate η₀.
 *
 * @param type constant, step or cosine
 * @param stepEvery for {@code step}: epochs between decays
 * @param stepFactor for {@code step}: the factor applied at each decay, in (0, 1]
 */
public record LearningRateSchedule(Type type, int stepEvery, float stepFactor) {

    /** The shapes of schedule. */
    public enum Type {
        /** η = η₀ throughout. */
        CONSTANT,
        /** η = η₀ · factor^⌊epoch / every⌋. */
        STEP,
        /** η = η₀ · ½(1 + cos(π · epoch / epochs)): large steps first, a gentle landing. */
        COSINE
    }

    /**
     * Checks the step parameters.
     *
     * @param type the shape
     * @param stepEvery epochs between decays, at least 1
     * @param stepFactor decay factor in (0, 1]
     */
    public LearningRateSchedule {
        if (type == Type.STEP && (stepEvery < 1 || !(stepFactor > 0f && stepFactor <= 1f))) {
            throw new IllegalArgumentException("step schedule needs every ≥ 1 and a factor in (0, 1], got every "
                    + stepEvery + ", factor " + stepFactor);
        }
    }

    /** @return the constant schedule */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Type.CONSTANT, 1, 1f);
    }

    /**
     * @param every epochs between decays
     * @param factor decay factor in (0, 1]
     * @return a step schedule
     */
    public static LearningRateSchedule step(int every, float factor) {
        return new LearningRateSchedule(Type.STEP, every, factor);
    }

    /** @return the cosine schedule over the run's epochs */
    public static LearningRateSchedule cosine() {
        return new LearningRateSchedule(Type.COSINE, 1, 1f);
    }

    /**
     * @param baseRate η₀
     * @param epoch the 0-based epoch
     * @param epochs the number of epochs in the run
     * @return η for this epoch
     */
    public float rate(float baseRate, int epoch, int epochs) {
        return switch (type) {
            case CONSTANT -> baseRate;
            case STEP -> (float) (baseRate * Math.pow(stepFactor, epoch / stepEvery));
            case COSINE -> (float) (baseRate * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs))));
        };
    }

    /**
     * Parses {@code constant}, {@code cosine}, or {@code step:EVERY:FACTOR} (for example {@code step:5:0.5}).
     *
     * @param text the schedule
     * @return the schedule
     * @throws IllegalArgumentException with the accepted forms
     */
    public static LearningRateSchedule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("constant")) {
            return constant();
        }
        if (t.equals("cosine")) {
            return cosine();
        }
        String[] parts = t.split(":");
        if (parts.length == 3 && parts[0].equals("step")) {
            try {
                return step(Integer.parseInt(parts[1]), Float.parseFloat(parts[2]));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                "unknown schedule '" + text + "'; use constant, cosine, or step:EVERY:FACTOR such as step:5:0.5");
    }

    /** @return the text {@link #parse} reads back */
    @Override
    public String toString() {
        return switch (type) {
            case CONSTANT -> "constant";
            case COSINE -> "cosine";
            case STEP -> "step:" + stepEvery + ":" + stepFactor;
        };
    }
}
