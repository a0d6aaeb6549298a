package dev.scratchnet.model;

import dev.scratchnet.optim.Adam;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.Momentum;
import dev.scratchnet.optim.Optimizer;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.optim.Sgd;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How to train: optimizer and its hyper-parameters, batch size, epochs, L2 penalty, learning-rate
 * schedule and seed. Immutable; build with {@link #builder()}. Every value is range-checked when
 * built, and the message names the allowed range.
 *
 * @param optimizer which optimizer
 * @param learningRate η₀, the base learning rate, &gt; 0
 * @param momentum μ for momentum and Nesterov, in [0, 1)
 * @param beta1 Adam's β₁, in [0, 1)
 * @param beta2 Adam's β₂, in [0, 1)
 * @param epsilon Adam's ε, &gt; 0
 * @param batchSize examples per step, ≥ 1
 * @param epochs passes over the training set, ≥ 1
 * @param l2 λ, the L2 weight decay, ≥ 0
 * @param schedule the learning rate per epoch
 * @param seed seeds the shuffle and the dropout masks (the initial weights have their own seed,
 *             in {@link Network.Builder#seed})
 */
public record TrainingConfig(OptimizerKind optimizer, float learningRate, float momentum, float beta1, float beta2,
                             float epsilon, int batchSize, int epochs, float l2, LearningRateSchedule schedule,
                             long seed) {

    /**
     * Checks every range.
     *
     * @param optimizer see the record description
     * @param learningRate see the record description
     * @param momentum see the record description
     * @param beta1 see the record description
     * @param beta2 see the record description
     * @param epsilon see the record description
     * @param batchSize see the record description
     * @param epochs see the record description
     * @param l2 see the record description
     * @param schedule see the record description
     * @param seed see the record description
     */
    public TrainingConfig {
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(schedule, "schedule");
        positive("learning rate", learningRate);
        fraction("momentum", momentum);
        fraction("beta1", beta1);
        fraction("beta2", beta2);
        positive("epsilon", epsilon);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(l2 >= 0f) || !Float.isFinite(l2)) {
            throw new IllegalArgumentException("L2 weight decay must be a number ≥ 0, got " + l2);
        }
    }

    private static void positive(String name, float value) {
        if (!(value > 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a number > 0, got " + value);
        }
    }

    private static void fraction(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    /** @return a builder with the defaults: momentum SGD, η 0.1, μ 0.9, batch 64, 10 epochs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.epsilon = epsilon;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.l2 = l2;
        b.schedule = schedule;
        b.seed = seed;
        return b;
    }

    /** @return a new optimizer as configured */
    public Optimizer createOptimizer() {
        return switch (optimizer) {
            case SGD -> new Sgd(l2);
            case MOMENTUM -> new Momentum(momentum, false, l2);
            case NESTEROV -> new Momentum(momentum, true, l2);
            case ADAM -> new Adam(beta1, beta2, epsilon, l2);
        };
    }

    /**
     * @param epoch the 0-based epoch
     * @return the learning rate for that epoch
     */
    public float learningRateAt(int epoch) {
        return schedule.rate(learningRate, epoch, epochs);
    }

    /** @return this configuration as {@code key=value} lines, for checkpoints */
    public String toText() {
        Properties p = new Properties();
        p.setProperty("optimizer", optimizer.cliName());
        p.setProperty("learningRate", Float.toString(learningRate));
        p.setProperty("momentum", Float.toString(momentum));
        p.setProperty("beta1", Float.toString(beta1));
        p.setProperty("beta2", Float.toString(beta2));
        p.setProperty("epsilon", Float.toString(epsilon));
        p.setProperty("batchSize", Integer.toString(batchSize));
        p.setProperty("epochs", Integer.toString(epochs));
        p.setProperty("l2", Float.toString(l2));
        p.setProperty("schedule", schedule.toString());
        p.setProperty("seed", Long.toString(seed));
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Drop the date comment Properties writes, so equal configurations give equal bytes.
        return out.toString().replaceFirst("^#[^\n]*\n", "");
    }

    /**
     * Reads the text {@link #toText()} wrote.
     *
     * @param text {@code key=value} lines
     * @return the configuration
     * @throws IllegalArgumentException if a key is missing or a value is out of range
     */
    public static TrainingConfig fromText(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return new TrainingConfig(OptimizerKind.parse(required(p, "optimizer")),
                    Float.parseFloat(required(p, "learningRate")), Float.parseFloat(required(p, "momentum")),
                    Float.parseFloat(required(p, "beta1")), Float.parseFloat(required(p, "beta2")),
                    Float.parseFloat(required(p, "epsilon")), Integer.parseInt(required(p, "batchSize")),
                    Integer.parseInt(required(p, "epochs")), Float.parseFloat(required(p, "l2")),
                    LearningRateSchedule.parse(required(p, "schedule")), Long.parseLong(required(p, "seed")));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("training configuration is unreadable: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("training configuration has no '" + key + "'");
        }
        return value;
    }

    /** Builds a {@link TrainingConfig}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private OptimizerKind optimizer = OptimizerKind.MOMENTUM;
        private float learningRate = 0.1f;
        private float momentum = 0.9f;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;
        private int batchSize = 64;
        private int epochs = 10;
        private float l2 = 0f;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private long seed = 42;

        private Builder() {
        }

        /**
         * @param v the optimizer
         * @return this builder
         */
        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        /**
         * @param v η₀
         * @return this builder
         */
        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        /**
         * @param v μ
         * @return this builder
         */
        public Builder momentum(float v) {
            momentum = v;
            return this;
        }

        /**
         * @param v Adam's β₁
         * @return this builder
         */
        public Builder beta1(float v) {
            beta1 = v;
            return this;
        }

        /**
         * @param v Adam's β₂
         * @return this builder
         */
        public Builder beta2(float v) {
            beta2 = v;
            return this;
        }

        /**
         * @param v Adam's ε
         * @return this builder
         */
        public Builder epsilon(float v) {
            epsilon = v;
            return this;
        }

        /**
         * @param v examples per step
         * @return this builder
         */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /**
         * @param v passes over the data
         * @return this builder
         */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /**
         * @param v λ, the L2 weight decay
         * @return this builder
         */
        public Builder l2(float v) {
            l2 = v;
            return this;
        }

        /**
         * @param v the schedule
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule v) {
            schedule = v;
            return this;
        }

        /**
         * @param v the seed for shuffling and dropout
         * @return this builder
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return the configuration, range-checked */
        public TrainingConfig build() {
            return new TrainingConfig(optimizer, learningRate, momentum, beta1, beta2, epsilon, batchSize, epochs,
                    l2, schedule, seed);
        }
    }
}
