package dev.scratchnet.model;

import dev.scratchnet.data.Batch;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageShift;

/**
 * The gather of one mini-batch (copy the examples, then shift the images if the trainer shifts them), as
 * a task that the backend can run on an idle thread while the step before it computes
 * ({@link dev.scratchnet.backend.Backend#runAhead}). One object per training run, reused for every
 * batch, so a step allocates nothing.
 *
 * <p>Why ahead: the examples of a batch are random rows of the training set, mostly not in any cache,
 * and copying 64 of MNIST's took 23–29 µs, a tenth of a small network's step (docs/benchmarks.md).
 */
final class NextBatch implements Runnable {
    private final Dataset train;
    private final ImageShift imageShift;
    private int[] order;
    private int start;
    private Batch batch;
    private long shiftSeed;

    /**
     * @param train the training set
     * @param imageShiftOrNull the random image shifts, or null
     */
    NextBatch(Dataset train, ImageShift imageShiftOrNull) {
        this.train = train;
        this.imageShift = imageShiftOrNull;
    }

    /**
     * Sets what the next {@link #run} gathers.
     *
     * @return this
     */
    NextBatch of(int[] order, int start, Batch batch, long shiftSeed) {
        this.order = order;
        this.start = start;
        this.batch = batch;
        this.shiftSeed = shiftSeed;
        return this;
    }

    @Override
    public void run() {
        train.fillBatch(order, start, batch);
        if (imageShift != null) {
            imageShift.apply(train, order, start, batch, shiftSeed);
        }
    }
}
