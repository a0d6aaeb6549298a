package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;

/** Reusable buffers for one batch size. (Temporary minimal version; replaced by the data branch.) */
public final class Batch {
    private final Tensor inputs;
    private final Tensor targets;
    private final int[] labels;

    /**
     * @param size rows
     * @param inputSize input columns
     * @param outputSize target columns
     */
    public Batch(int size, int inputSize, int outputSize) {
        inputs = new Tensor(size, inputSize);
        targets = new Tensor(size, outputSize);
        labels = new int[size];
    }

    /** @return rows */
    public int size() {
        return labels.length;
    }

    /** @return inputs */
    public Tensor inputs() {
        return inputs;
    }

    /** @return targets */
    public Tensor targets() {
        return targets;
    }

    /** @return labels */
    public int[] labels() {
        return labels;
    }
}
