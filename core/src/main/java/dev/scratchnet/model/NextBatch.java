package dev.scratchnet.model;

import dev.scratchnet.data.Batch;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageShift;
import java.util.function.IntConsumer;

/**
 * The gather of one mini-batch (copy the examples, then shift the images if the trainer shifts them), as
 * a task in parts of a few rows that the backend can run on an idle thread while the step before it computes
 * ({@link dev.scratchnet.backend.Backend#runAhead}). One object per training run, reused for every
 * batch, so a step allocates nothing.
 *
 * <p>Why ahead: the examples of a batch are random rows of the training set, mostly not in any cache,
 * and copying 64 of MNIST's took 23–29 µs, a tenth of a small network's step (docs/benchmarks.md).
 * Why in parts: on two threads a large network's step keeps both busy in its matrix products, and a
 * gather in one piece held the second thread's share of the next product until the whole copy was done;
 * in parts, the share waits for one part, and the copy fills the gaps between the products instead.
 */
final class NextBatch implements IntConsumer {
    /**
     * Rows per part: a few microseconds of copying (a row of MNIST took about 0.8 µs), the longest a share
     * handed to the busy thread waits.
     */
    static final int ROWS_PER_PART = 4;

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
     * Sets what the next parts gather.
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

    /** @return how many parts the batch set by {@link #of} is gathered in */
    int parts() {
        return (batch.size() + ROWS_PER_PART - 1) / ROWS_PER_PART;
    }

    /** Gathers part {@code part}: rows [part·ROWS_PER_PART, (part + 1)·ROWS_PER_PART) of the batch, or fewer at its end. */
    @Override
    public void accept(int part) {
        int from = part * ROWS_PER_PART;
        gatherRows(from, Math.min(batch.size(), from + ROWS_PER_PART));
    }

    /** Gathers the whole batch on the calling thread. */
    void gatherHere() {
        gatherRows(0, batch.size());
    }

    /** Copies rows [from, to) of the batch from the training set, then shifts them if the trainer shifts images. */
    private void gatherRows(int from, int to) {
        train.fillBatch(order, start, batch, from, to);
        if (imageShift != null) {
            imageShift.apply(train, order, start, batch, shiftSeed, from, to);
        }
    }
}
