package dev.scratchnet.layer;

import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Per-batch-size work tensors of one layer, so a warm training step allocates nothing. Training
 * sees one or two batch sizes (the full batch and the last, smaller one), so a short list searched
 * linearly beats a map and never boxes. Layers written outside the library may use it too. Not
 * thread-safe, like the training pass it serves.
 */
public final class BatchBuffers {
    private final IntFunction<Tensor[]> create;
    private int[] batchSizes = new int[0];
    private Tensor[][] tensors = new Tensor[0][];

    /**
     * @param cols the column count of every buffer
     * @param tensorsPerSize how many buffers the layer needs per batch size
     */
    public BatchBuffers(int cols, int tensorsPerSize) {
        this(rows -> {
            Tensor[] created = new Tensor[tensorsPerSize];
            for (int t = 0; t < tensorsPerSize; t++) {
                created[t] = new Tensor(rows, cols);
            }
            return created;
        });
    }

    /**
     * @param create makes the buffers for one batch size, given its row count (for buffers whose shape
     *               is not batch × cols, such as a convolution's columns, c·k·k × batch·P)
     */
    public BatchBuffers(IntFunction<Tensor[]> create) {
        this.create = create;
    }

    /**
     * @param rows the batch size
     * @return the buffers for this batch size, allocated on first use
     */
    public Tensor[] forRows(int rows) {
        for (int i = 0; i < batchSizes.length; i++) {
            if (batchSizes[i] == rows) {
                return tensors[i];
            }
        }
        Tensor[] created = create.apply(rows);
        batchSizes = Arrays.copyOf(batchSizes, batchSizes.length + 1);
        tensors = Arrays.copyOf(tensors, tensors.length + 1);
        batchSizes[batchSizes.length - 1] = rows;
        tensors[tensors.length - 1] = created;
        return created;
    }
}
