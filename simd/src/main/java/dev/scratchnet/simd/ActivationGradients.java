package dev.scratchnet.simd;

import static dev.scratchnet.backend.Backend.TINY_GRADIENT;
import static dev.scratchnet.simd.VectorBackend.flushTiny;

import dev.scratchnet.backend.Activation;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * δ = g ⊙ f′(y) for {@link VectorBackend#activationBackward}: one loop per activation, split by rows
 * across the worker pool when the batch is large (a convolution's output: 737,280 values for the course
 * CNN's first layer). Rows go to shares as examples go in {@link ConvKernels}, so each core reads the
 * gradient its own share of the pooling layer above has just written. Each value is computed on its own,
 * so the split changes no bit.
 */
final class ActivationGradients {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();
    /**
     * Below this many values (32,768) one thread does it all: the hand-off would cost more than it saves. The
     * deep network's 128 × 512 and 128 × 256 passes are above it: on two threads, one core alone took 40 and
     * 20 µs for them, reading a gradient the two cores had just written, and split they took 22 and 13
     * (2026-12-03, docs/benchmarks.md, "The optimizer's jobs apart", item 5).
     */
    static final int SPLIT_MIN_VALUES = 1 << 15;

    /** One reusable job per calling thread, so a split pass allocates nothing. */
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private ActivationGradients() {
    }

    /** out = g ⊙ f′(y) over all of y, which has {@code rows} rows. */
    static void apply(Activation f, float[] y, float[] g, float[] out, int rows, int threads) {
        int shares = y.length < SPLIT_MIN_VALUES ? 1 : Math.min(threads, rows);
        if (shares == 1) {
            range(f, y, g, out, 0, y.length);
            return;
        }
        Job job = JOBS.get();
        job.set(f, y, g, out, rows, shares);
        try {
            WorkerPool.run(shares, job);
        } finally {
            job.set(null, null, null, null, 0, 0); // a finished pass keeps no arrays alive
        }
    }

    /** Share s of a pass: whole rows. */
    private static final class Job implements IntConsumer {
        private Activation f;
        private float[] y;
        private float[] g;
        private float[] out;
        private int rows;
        private int shares;

        void set(Activation f, float[] y, float[] g, float[] out, int rows, int shares) {
            this.f = f;
            this.y = y;
            this.g = g;
            this.out = out;
            this.rows = rows;
            this.shares = shares;
        }

        @Override
        public void accept(int s) {
            int cols = y.length / rows;
            int first = ConvKernels.split(rows, shares, s), last = ConvKernels.split(rows, shares, s + 1);
            range(f, y, g, out, first * cols, last * cols);
        }
    }

    /** out = g ⊙ f′(y) for [from, to): vectors from {@code from}, then the tail one by one. */
    private static void range(Activation f, float[] y, float[] g, float[] out, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        // One loop per activation, for the reason given at VectorBackend.activateInPlace; each yields where
        // it stopped, and the switch is an expression so that a missing one does not compile.
        int tail = switch (f) {
            case IDENTITY -> {
                for (int i = from; i < bound; i += L) {
                    FloatVector d = FloatVector.fromArray(SPECIES, g, i);
                    d.blend(0f, d.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(out, i);
                }
                yield bound;
            }
            case SIGMOID -> {
                for (int i = from; i < bound; i += L) {
                    FloatVector yi = FloatVector.fromArray(SPECIES, y, i);
                    FloatVector d = FloatVector.fromArray(SPECIES, g, i).mul(yi.mul(one.sub(yi)));
                    d.blend(0f, d.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(out, i);
                }
                yield bound;
            }
            case TANH -> {
                for (int i = from; i < bound; i += L) {
                    FloatVector yi = FloatVector.fromArray(SPECIES, y, i);
                    FloatVector d = FloatVector.fromArray(SPECIES, g, i).mul(one.sub(yi.mul(yi)));
                    d.blend(0f, d.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(out, i);
                }
                yield bound;
            }
            case RELU, LEAKY_RELU -> {
                FloatVector below = FloatVector.broadcast(SPECIES, f == Activation.RELU ? 0f : Activation.LEAKY_SLOPE);
                for (int i = from; i < bound; i += L) {
                    FloatVector yi = FloatVector.fromArray(SPECIES, y, i);
                    FloatVector derivative = below.blend(one, yi.compare(VectorOperators.GT, 0f));
                    FloatVector d = FloatVector.fromArray(SPECIES, g, i).mul(derivative);
                    d.blend(0f, d.abs().compare(VectorOperators.LT, TINY_GRADIENT)).intoArray(out, i);
                }
                yield bound;
            }
        };
        for (int i = tail; i < to; i++) {
            out[i] = flushTiny(g[i] * f.derivativeFromOutput(y[i]));
        }
    }
}
