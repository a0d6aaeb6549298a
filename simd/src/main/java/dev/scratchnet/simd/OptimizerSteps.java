package dev.scratchnet.simd;

import static dev.scratchnet.backend.Backend.TINY_GRADIENT_TO_SQUARE;
import static dev.scratchnet.backend.Backend.TINY_GRADIENT;

import dev.scratchnet.backend.ScalarUpdates;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The momentum and Adam updates for {@link VectorBackend}, split across the worker pool when a
 * parameter is large. Each update reads and writes three or four arrays once, so a large one is bound
 * by memory traffic, and a second core brings its own. (The deep network's first layer has 401,408
 * weights.)
 *
 * <p>The split does not change a single bit. Every element gets the same arithmetic wherever it runs:
 * each share starts at a multiple of the vector length, so every element the one-thread loop takes
 * in a vector is taken in a vector here too, and the last share alone runs the scalar tail.
 */
final class OptimizerSteps {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();

    /**
     * Parameters with fewer values than this (131,072) are updated on the calling thread. At and above
     * it, the update's three or four arrays (1.5 MB and more) outgrow one core's L2 anyway.
     *
     * <p>Below it, a split lost: relu128's 100,352 first-layer weights were still in the caller's cache
     * from the gradient product. Moving half of them to the other core, and back for the next forward
     * pass, made its two-thread epoch 1.5× slower. The deep network's 401,408 gained 10–25%, and once
     * handing out work no longer woke a parked thread, its 131,072 second-layer weights gained as well.
     * docs/benchmarks.md has the figures.
     */
    static final int SPLIT_MIN_VALUES = 1 << 17;

    /** One reusable job per calling thread, so a split update allocates nothing. */
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private OptimizerSteps() {
    }

    /** v = μ·v + g′, w −= η·v (Nesterov: w −= η·(g′ + μ·v)), with g′ = g + λ·w; see Backend.momentumStep. */
    static void momentum(float[] w, float[] g, float[] v, float learningRate, float momentum, float weightDecay,
                         boolean nesterov, int threads) {
        Job job = JOBS.get().operands(false, w, g, v, learningRate, weightDecay);
        job.momentum = momentum;
        job.nesterov = nesterov;
        job.run(threads);
    }

    /** One Adam step with the bias corrections folded into two factors; see Backend.adamStep. */
    static void adam(float[] w, float[] g, float[] m, float[] v, float learningRate, float beta1, float beta2,
                     float epsilon, float correction1, float correction2, float weightDecay, int threads) {
        Job job = JOBS.get().operands(true, w, g, v, learningRate, weightDecay);
        job.m = m;
        job.beta1 = beta1;
        job.beta2 = beta2;
        job.epsilon = epsilon;
        job.correction1 = correction1;
        job.correction2 = correction2;
        job.run(threads);
    }

    /** The operands of one update; share s updates its own range of the values. */
    private static final class Job implements IntConsumer {
        boolean adam;
        boolean nesterov;
        float[] w;
        float[] g;
        float[] m;
        float[] v;
        float learningRate;
        float momentum;
        float beta1;
        float beta2;
        float epsilon;
        float correction1;
        float correction2;
        float weightDecay;
        private int shares;

        /** Sets what both updates have: the kind, the weights, their gradient, v, η and λ. */
        Job operands(boolean adam, float[] w, float[] g, float[] v, float learningRate, float weightDecay) {
            this.adam = adam;
            this.w = w;
            this.g = g;
            this.v = v;
            this.learningRate = learningRate;
            this.weightDecay = weightDecay;
            return this;
        }

        void run(int threads) {
            shares = w.length < SPLIT_MIN_VALUES ? 1 : Math.max(1, threads);
            try {
                if (shares == 1) {
                    accept(0);
                } else {
                    WorkerPool.run(shares, this);
                }
            } finally {
                w = g = m = v = null; // a finished update keeps no arrays alive
            }
        }

        @Override
        public void accept(int s) {
            int vectors = w.length / L;
            int from = (int) ((long) vectors * s / shares) * L;
            int to = s == shares - 1 ? w.length : (int) ((long) vectors * (s + 1) / shares) * L;
            if (adam) {
                adamRange(w, g, m, v, from, to, learningRate, beta1, beta2, epsilon, correction1, correction2,
                        weightDecay);
            } else {
                momentumRange(w, g, v, from, to, learningRate, momentum, weightDecay, nesterov);
            }
        }
    }

    /**
     * Values [from, to): whole vectors from {@code from}, a multiple of the vector length, then a scalar tail.
     * One loop per variant, each without a branch inside: with the nesterov test inside one loop, a test order
     * was seen (JDK 17) in which C2's code for the loop boxed the plain update's vectors on every step.
     */
    private static void momentumRange(float[] w, float[] g, float[] v, int from, int to, float learningRate,
                                      float momentum, float weightDecay, boolean nesterov) {
        int i = nesterov ? nesterovVectors(w, g, v, from, to, learningRate, momentum, weightDecay)
                : momentumVectors(w, g, v, from, to, learningRate, momentum, weightDecay);
        ScalarUpdates.momentum(w, g, v, i, to, learningRate, momentum, weightDecay, nesterov);
    }

    /** v ← flush(μ·v + g + λ·w), w ← w − η·v over the whole vectors of [from, to); returns where they end. */
    private static int momentumVectors(float[] w, float[] g, float[] v, int from, int to, float learningRate,
                                       float momentum, float weightDecay) {
        int bound = from + SPECIES.loopBound(to - from);
        for (int i = from; i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            FloatVector vRaw = FloatVector.fromArray(SPECIES, v, i).mul(momentum).add(gi);
            FloatVector vi = vRaw.blend(0f, vRaw.abs().compare(VectorOperators.LT, TINY_GRADIENT));
            vi.intoArray(v, i);
            wi.sub(vi.mul(learningRate)).intoArray(w, i);
        }
        return bound;
    }

    /** As {@link #momentumVectors}, with the Nesterov step w ← w − η·(g + μ·v). */
    private static int nesterovVectors(float[] w, float[] g, float[] v, int from, int to, float learningRate,
                                       float momentum, float weightDecay) {
        int bound = from + SPECIES.loopBound(to - from);
        for (int i = from; i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            FloatVector vRaw = FloatVector.fromArray(SPECIES, v, i).mul(momentum).add(gi);
            FloatVector vi = vRaw.blend(0f, vRaw.abs().compare(VectorOperators.LT, TINY_GRADIENT));
            vi.intoArray(v, i);
            wi.sub(gi.add(vi.mul(momentum)).mul(learningRate)).intoArray(w, i);
        }
        return bound;
    }

    /** Values [from, to), as {@link #momentumRange}. */
    private static void adamRange(float[] w, float[] g, float[] m, float[] v, int from, int to, float learningRate,
                                  float beta1, float beta2, float epsilon, float correction1, float correction2,
                                  float weightDecay) {
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(SPECIES, w, i);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i).add(wi.mul(weightDecay));
            FloatVector mRaw = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gi.mul(1f - beta1));
            FloatVector mi = mRaw.blend(0f, mRaw.abs().compare(VectorOperators.LT, TINY_GRADIENT));
            FloatVector gs = gi.blend(0f, gi.abs().compare(VectorOperators.LT, TINY_GRADIENT_TO_SQUARE));
            FloatVector vRaw = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gs.mul(1f - beta2).mul(gs));
            FloatVector vi = vRaw.blend(0f, vRaw.abs().compare(VectorOperators.LT, TINY_GRADIENT));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector mHat = mi.mul(correction1);
            FloatVector vHat = vi.mul(correction2);
            wi.sub(mHat.mul(learningRate).div(vHat.sqrt().add(epsilon))).intoArray(w, i);
        }
        ScalarUpdates.adam(w, g, m, v, i, to, learningRate, beta1, beta2, epsilon, correction1, correction2,
                weightDecay);
    }
}
