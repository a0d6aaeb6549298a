package dev.scratchnet.model;

import dev.scratchnet.optim.Adam;
import dev.scratchnet.optim.Hyperparameters;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.Momentum;
import dev.scratchnet.optim.Optimizer;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.optim.Sgd;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to train: optimizer and its hyper-parameters, batch size, epochs, L2 penalty, learning-rate
 * schedule and seed. Immutable; build with {@link #builder()}. Every value is range-checked when
 * built ({@link Hyperparameters}), and the message names the allowed range.
 *
 * <p>Which optimizer reads which setting: every optimizer uses η₀ ({@code learningRate}), the
 * schedule and λ ({@code l2}); {@link OptimizerKind#MOMENTUM} and {@link OptimizerKind#NESTEROV} add μ
 * ({@code momentum}); {@link OptimizerKind#ADAM} adds β₁, β₂ and ε ({@code beta1}, {@code beta2},
 * {@code epsilon}); {@link OptimizerKind#SGD} adds nothing. The others are kept (and checked) but
 * unused, so a configuration can switch optimizer without losing them.
 *
 * @param optimizer which optimizer
 * @param learningRate η₀, the base learning rate, &gt; 0
 * @param momentum μ, for momentum and Nesterov only, in [0, 1)
 * @param beta1 β₁, the decay of Adam's first moment, in [0, 1)
 * @param beta2 β₂, the decay of Adam's second moment, in [0, 1)
 * @param epsilon ε, Adam's guard against dividing by a zero second moment, &gt; 0
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
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Hyperparameters.positive("learning rate", learningRate);
        Hyperparameters.fraction("momentum", momentum);
        Hyperparameters.fraction("beta1", beta1);
        Hyperparameters.fraction("beta2", beta2);
        Hyperparameters.positive("epsilon", epsilon);
        Hyperparameters.atLeastOne("batch size", batchSize);
        Hyperparameters.atLeastOne("epochs", epochs);
        Hyperparameters.nonNegative("L2 weight decay", l2);
    }

    /** @return a builder with the defaults: momentum SGD, η 0.1, μ 0.9, batch 64, 10 epochs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return builder().optimizer(optimizer).learningRate(learningRate).batchSize(batchSize).epochs(epochs).l2(l2)
                .schedule(schedule).seed(seed).momentum(momentum).beta1(beta1).beta2(beta2).epsilon(epsilon);
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

    /**
     * Builds a {@link TrainingConfig}; every setter returns the builder, and {@link #build()} checks the
     * ranges. Not thread-safe.
     */
    public static final class Builder {
        private OptimizerKind optimizer = OptimizerKind.MOMENTUM;
        private float learningRate = 0.1f;
        private int batchSize = 64;
        private int epochs = 10;
        private float l2 = 0f;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private long seed = 42;
        // For momentum and Nesterov:
        private float momentum = 0.9f;
        // For Adam:
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
        }

        /**
         * @param optimizer which optimizer (default momentum)
         * @return this builder
         */
        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * @param learningRate η₀, the base learning rate (default 0.1)
         * @return this builder
         */
        public Builder learningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param batchSize examples per step (default 64)
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param epochs passes over the training set (default 10)
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param l2 λ, the L2 weight decay (default 0)
         * @return this builder
         */
        public Builder l2(float l2) {
            this.l2 = l2;
            return this;
        }

        /**
         * @param schedule the learning rate per epoch (default constant)
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param seed the seed for shuffling and dropout (default 42)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param momentum μ, for {@link OptimizerKind#MOMENTUM} and {@link OptimizerKind#NESTEROV} (default 0.9)
         * @return this builder
         */
        public Builder momentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * @param beta1 β₁, for {@link OptimizerKind#ADAM} (default 0.9)
         * @return this builder
         */
        public Builder beta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /**
         * @param beta2 β₂, for {@link OptimizerKind#ADAM} (default 0.999)
         * @return this builder
         */
        public Builder beta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * @param epsilon ε, for {@link OptimizerKind#ADAM} (default 1e-8)
         * @return this builder
         */
        public Builder epsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** @return the configuration, range-checked */
        public TrainingConfig build() {
            return new TrainingConfig(optimizer, learningRate, momentum, beta1, beta2, epsilon, batchSize, epochs,
                    l2, schedule, seed);
        }
    }
}
