package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;

/**
 * Reusable buffers for one mini-batch: inputs (size × inputSize), targets (size × outputSize) and
 * class labels (size). Allocate one per batch size and let {@link Dataset#fillBatch} overwrite it on
 * every step, so the training loop allocates nothing.
 *
 * <p>For a dataset without labels (regression), {@link #labels()} holds -1 in every slot.
 */
public final class Batch {
    private final Tensor inputs;
    private final Tensor targets;
    private final int[] labels;

    /**
     * @param size       number of examples in the batch, at least 1
     * @param inputSize  values per input, at least 1
     * @param outputSize values per target, at least 1
     * @throws IllegalArgumentException if a size is below 1 or the buffers would be too large
     */
    public Batch(int size, int inputSize, int outputSize) {
        if (size < 1 || inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("batch: size, inputSize and outputSize must be at least 1, got "
                    + size + ", " + inputSize + " and " + outputSize);
        }
        this.inputs = new Tensor(size, inputSize);
        this.targets = new Tensor(size, outputSize);
        this.labels = new int[size];
    }

    /** @return the number of examples in the batch */
    public int size() {
        return labels.length;
    }

    /** @return the inputs, one example per row (size × inputSize); overwritten by each fill */
    public Tensor inputs() {
        return inputs;
    }

    /** @return the targets, one example per row (size × outputSize); overwritten by each fill */
    public Tensor targets() {
        return targets;
    }

    /** @return the class label of each example, or -1 where the dataset has none; overwritten by each fill */
    public int[] labels() {
        return labels;
    }
}
