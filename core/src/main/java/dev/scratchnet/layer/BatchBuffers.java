package dev.scratchnet.layer;

import dev.scratchnet.tensor.Tensor;

/**
 * Per-batch-size work tensors of one layer, so a warm training step allocates nothing. Training
 * sees one or two batch sizes (the full batch and the last, smaller one), so a short list searched
 * linearly beats a map and never boxes. Layers written outside the library may use it too. Not
 * thread-safe, like the training pass it serves.
 */
public final class BatchBuffers {
    private final int cols;
    private final int tensorsPerSize;
    private int[] batchSizes = new int[0];
    private Tensor[][] tensors = new Tensor[0][];

    /**
     * @param cols the column count of every buffer
     * @param tensorsPerSize how many buffers the layer needs per batch size
     */
    public BatchBuffers(int cols, int tensorsPerSize) {
        this.cols = cols;
        this.tensorsPerSize = tensorsPerSize;
    }

    /**
     * @param rows the batch size
     * @return the buffers for this batch size (each rows × cols), allocated on first use
     */
    public Tensor[] forRows(int rows) {
        for (int i = 0; i < batchSizes.length; i++) {
            if (batchSizes[i] == rows) {
                return tensors[i];
            }
        }
        Tensor[] created = new Tensor[tensorsPerSize];
        for (int t = 0; t < tensorsPerSize; t++) {
            created[t] = new Tensor(rows, cols);
        }
        batchSizes = java.util.Arrays.copyOf(batchSizes, batchSizes.length + 1);
        tensors = java.util.Arrays.copyOf(tensors, tensors.length + 1);
        batchSizes[batchSizes.length - 1] = rows;
        tensors[tensors.length - 1] = created;
        return created;
    }
}
