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

    /** One reusable job of each kind per calling thread, so a split update allocates nothing. */
    private static final ThreadLocal<MomentumJob> MOMENTUM_JOBS = ThreadLocal.withInitial(MomentumJob::new);
    private static final ThreadLocal<AdamJob> ADAM_JOBS = ThreadLocal.withInitial(AdamJob::new);

    private OptimizerSteps() {
    }

    /** v = μ·v + g′, w −= η·v (Nesterov: w −= η·(g′ + μ·v)), with g′ = g + λ·w; see Backend.momentumStep. */
    static void momentum(float[] w, float[] g, float[] v, float learningRate, float momentum, float weightDecay,
                         boolean nesterov, int threads) {
        MomentumJob job = MOMENTUM_JOBS.get();
        job.w = w;
        job.g = g;
        job.v = v;
        job.learningRate = learningRate;
        job.momentum = momentum;
        job.weightDecay = weightDecay;
        job.nesterov = nesterov;
        job.run(threads);
    }

    /** One Adam step with the bias corrections folded into two factors; see Backend.adamStep. */
    static void adam(float[] w, float[] g, float[] m, float[] v, float learningRate, float beta1, float beta2,
                     float epsilon, float correction1, float correction2, float weightDecay, int threads) {
        AdamJob job = ADAM_JOBS.get();
        job.w = w;
        job.g = g;
        job.m = m;
        job.v = v;
        job.learningRate = learningRate;
        job.beta1 = beta1;
        job.beta2 = beta2;
        job.epsilon = epsilon;
        job.correction1 = correction1;
        job.correction2 = correction2;
        job.weightDecay = weightDecay;
        job.run(threads);
    }

    /** How many shares an update of n values takes: one below {@link #SPLIT_MIN_VALUES}, else one a thread. */
    private static int shares(int n, int threads) {
        return n < SPLIT_MIN_VALUES ? 1 : Math.max(1, threads);
    }

    /** Where share s of n values, split in whole vectors, starts; share {@code shares} "starts" at n. */
    private static int shareStart(int n, int s, int shares) {
        return s == shares ? n : (int) ((long) (n / L) * s / shares) * L;
    }

    /*
     * Two job classes, not one with a switch: C2 compiles a job's accept with its update loops inlined, and
     * one compile that held the Adam loop and the momentum loops ran out of C2's node budget inside the
     * momentum loop. Its last stores were then inlined late, lost their vector class and boxed on every step
     * (JDK 17, in a JVM that had run other tests and a JFR recording first; docs/benchmarks.md, "The optimizer's
     * jobs apart"). For the same reason each class keeps its own run(), not one shared helper: there the call to
     * accept() would see both classes, and a compile of the helper could inline both updates again.
     */

    /** The operands of one momentum update; share s updates its own range of the values. */
    private static final class MomentumJob implements IntConsumer {
        float[] w;
        float[] g;
        float[] v;
        float learningRate;
        float momentum;
        float weightDecay;
        boolean nesterov;
        private int shares;

        void run(int threads) {
            shares = shares(w.length, threads);
            try {
                if (shares == 1) {
                    accept(0);
                } else {
                    WorkerPool.run(shares, this);
                }
            } finally {
                w = g = v = null; // a finished update keeps no arrays alive
            }
        }

        @Override
        public void accept(int s) {
            momentumRange(w, g, v, shareStart(w.length, s, shares), shareStart(w.length, s + 1, shares),
                    learningRate, momentum, weightDecay, nesterov);
        }
    }

    /** The operands of one Adam update; share s updates its own range of the values. */
    private static final class AdamJob implements IntConsumer {
        float[] w;
        float[] g;
        float[] m;
        float[] v;
        float learningRate;
        float beta1;
        float beta2;
        float epsilon;
        float correction1;
        float correction2;
        float weightDecay;
        private int shares;

        void run(int threads) {
            shares = shares(w.length, threads);
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
            adamRange(w, g, m, v, shareStart(w.length, s, shares), shareStart(w.length, s + 1, shares),
                    learningRate, beta1, beta2, epsilon, correction1, correction2, weightDecay);
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
