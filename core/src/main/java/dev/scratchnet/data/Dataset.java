package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Examples held in memory: inputs (size × inputSize), targets (size × outputSize) and, for
 * classification, a class label per example.
 *
 * <p>For classification the targets are one-hot rows ({@code targets[i][labels[i]] = 1}); for
 * regression they are any finite numbers and there are no labels. A dataset never changes after
 * construction. The tensors and array it returns are its own storage, not copies, so that training
 * and evaluation need no extra memory: treat them as read-only.
 */
public final class Dataset {
    private final Tensor inputs;
    private final Tensor targets;
    private final int[] labels;
    private final int classes;

    /** Takes ownership of the arguments, which must already be checked. */
    Dataset(Tensor inputs, Tensor targets, int[] labels, int classes) {
        this.inputs = inputs;
        this.targets = targets;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A classification dataset with one-hot targets.
     *
     * @param inputs  one row per example, all of the same non-zero length, finite values; copied
     * @param labels  the class of each example, in {@code 0 .. classes-1}; copied
     * @param classes the number of classes, at least 2
     * @return a dataset whose targets are one-hot rows of length {@code classes}
     * @throws IllegalArgumentException if the inputs are empty, ragged or not finite, the counts differ,
     *                                  or a label is out of range
     */
    public static Dataset ofClasses(float[][] inputs, int[] labels, int classes) {
        Objects.requireNonNull(labels, "labels");
        if (classes < 2) {
            throw new IllegalArgumentException("ofClasses: need at least 2 classes, got " + classes);
        }
        Tensor x = copyRows("ofClasses", "inputs", inputs);
        if (labels.length != inputs.length) {
            throw new IllegalArgumentException("ofClasses: " + inputs.length + " inputs but " + labels.length
                    + " labels; give one label per input");
        }
        checkLabels("ofClasses", labels, classes);
        return new Dataset(x, oneHot(labels, classes), labels.clone(), classes);
    }

    /**
     * A regression dataset: targets are arbitrary numbers and there are no labels.
     *
     * @param inputs  one row per example, all of the same non-zero length, finite values; copied
     * @param targets one row per example, all of the same non-zero length, finite values; copied
     * @return a dataset with {@link #labels()} {@code == null}
     * @throws IllegalArgumentException if either array is empty, ragged or not finite, or the counts differ
     */
    public static Dataset ofTargets(float[][] inputs, float[][] targets) {
        Tensor x = copyRows("ofTargets", "inputs", inputs);
        Tensor y = copyRows("ofTargets", "targets", targets);
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("ofTargets: " + x.rows() + " inputs but " + y.rows()
                    + " targets; give one target row per input");
        }
        return new Dataset(x, y, null, 0);
    }

    /**
     * A dataset from tensors, with or without labels. With labels, {@code classes()} is
     * {@code targets.cols()}; the targets are used as given (one-hot, or smoothed if you wish).
     *
     * @param inputs       one example per row, finite values; copied
     * @param targets      one example per row, same row count, finite values; copied
     * @param labelsOrNull one class per row in {@code 0 .. targets.cols()-1}, or null for regression; copied
     * @return the dataset
     * @throws IllegalArgumentException if the row counts differ, a value is not finite, or a label is
     *                                  out of range
     */
    public static Dataset of(Tensor inputs, Tensor targets, int[] labelsOrNull) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("of: inputs are " + inputs.shape() + " but targets are "
                    + targets.shape() + "; they need the same number of rows");
        }
        checkFinite("of", "inputs", inputs);
        checkFinite("of", "targets", targets);
        if (labelsOrNull == null) {
            return new Dataset(inputs.copy(), targets.copy(), null, 0);
        }
        if (labelsOrNull.length != inputs.rows()) {
            throw new IllegalArgumentException("of: " + inputs.rows() + " rows but " + labelsOrNull.length
                    + " labels; give one label per row");
        }
        checkLabels("of", labelsOrNull, targets.cols());
        return new Dataset(inputs.copy(), targets.copy(), labelsOrNull.clone(), targets.cols());
    }

    /** @return the number of examples */
    public int size() {
        return inputs.rows();
    }

    /** @return the number of values in one input */
    public int inputSize() {
        return inputs.cols();
    }

    /** @return the number of values in one target */
    public int outputSize() {
        return targets.cols();
    }

    /** @return all inputs, one example per row (size × inputSize); shared, treat as read-only */
    public Tensor inputs() {
        return inputs;
    }

    /** @return all targets, one example per row (size × outputSize); shared, treat as read-only */
    public Tensor targets() {
        return targets;
    }

    /** @return the class of each example, or null for a regression dataset; shared, treat as read-only */
    public int[] labels() {
        return labels;
    }

    /** @return true if this is a classification dataset with a label per example */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return the number of classes, or 0 for a regression dataset */
    public int classes() {
        return classes;
    }

    /**
     * How many examples each class has, for checking a download or the balance of a split.
     *
     * @return {@code counts[c]} = number of examples with label {@code c}
     * @throws IllegalStateException if the dataset has no labels
     */
    public int[] classCounts() {
        if (labels == null) {
            throw new IllegalStateException("classCounts: this is a regression dataset without labels");
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A copy of a contiguous range of examples, for example to hold out a validation set.
     *
     * @param from first example, inclusive
     * @param to   last example, exclusive; {@code from < to <= size()}
     * @return a new dataset with examples {@code from .. to-1}
     * @throws IllegalArgumentException if the range is empty or outside the dataset
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("slice: range [" + from + ", " + to + ") must be non-empty and inside [0, "
                    + size() + ")");
        }
        int n = to - from;
        Tensor x = Tensor.wrap(n, inputSize(),
                Arrays.copyOfRange(inputs.data(), from * inputSize(), to * inputSize()));
        Tensor y = Tensor.wrap(n, outputSize(),
                Arrays.copyOfRange(targets.data(), from * outputSize(), to * outputSize()));
        return new Dataset(x, y, labels == null ? null : Arrays.copyOfRange(labels, from, to), classes);
    }

    /**
     * A copy of the chosen examples, in the order given; for held-out splits.
     *
     * @param examples indices of examples, each in {@code 0 .. size()-1}; at least one
     */
    Dataset select(int[] examples) {
        int in = inputSize();
        int out = outputSize();
        float[] x = new float[examples.length * in];
        float[] y = new float[examples.length * out];
        int[] chosenLabels = labels == null ? null : new int[examples.length];
        for (int row = 0; row < examples.length; row++) {
            int example = examples[row];
            System.arraycopy(inputs.data(), example * in, x, row * in, in);
            System.arraycopy(targets.data(), example * out, y, row * out, out);
            if (chosenLabels != null) {
                chosenLabels[row] = labels[example];
            }
        }
        return new Dataset(Tensor.wrap(examples.length, in, x), Tensor.wrap(examples.length, out, y), chosenLabels,
                classes);
    }

    /**
     * Copies examples {@code order[start]}, {@code order[start+1]}, … into the batch, one per batch row,
     * until the batch is full. Called on every training step, so it allocates nothing.
     *
     * @param order a permutation (or any list) of example indices, for example a shuffled epoch order
     * @param start position in {@code order} of the batch's first example
     * @param batch buffers with this dataset's input and output sizes; overwritten
     * @throws IllegalArgumentException  if the batch has other sizes than the dataset
     * @throws IndexOutOfBoundsException if {@code order} has fewer than {@code start + batch.size()}
     *                                   entries or an entry is not an example index
     */
    public void fillBatch(int[] order, int start, Batch batch) {
        fillBatch(order, start, batch, 0, batch.size());
    }

    /**
     * {@link #fillBatch(int[], int, Batch)} for rows [fromRow, toRow) of the batch only: row r gets example
     * {@code order[start + r]}, as when the whole batch is filled, and the other rows are left as they are.
     * The trainer fills a batch in such parts, on whichever of the backend's threads is idle.
     *
     * @param order   a permutation (or any list) of example indices
     * @param start   position in {@code order} of the batch's first example (row 0, whether filled or not)
     * @param batch   buffers with this dataset's input and output sizes; the given rows are overwritten
     * @param fromRow the first row to fill
     * @param toRow   the row after the last one to fill
     * @throws IllegalArgumentException  if the batch has other sizes than the dataset
     * @throws IndexOutOfBoundsException if the rows are not rows of the batch, {@code order} has fewer than
     *                                   {@code start + batch.size()} entries or an entry is not an example index
     */
    public void fillBatch(int[] order, int start, Batch batch, int fromRow, int toRow) {
        int in = inputSize();
        int out = outputSize();
        if (batch.inputs().cols() != in || batch.targets().cols() != out) {
            throw new IllegalArgumentException("fillBatch: batch holds " + batch.inputs().cols() + " inputs and "
                    + batch.targets().cols() + " outputs per example, dataset has " + in + " and " + out);
        }
        int n = batch.size();
        if (start < 0 || start > order.length - n) {
            throw new IndexOutOfBoundsException("fillBatch: a batch of " + n + " from position " + start
                    + " does not fit in an order of length " + order.length);
        }
        if (fromRow < 0 || fromRow > toRow || toRow > n) {
            throw new IndexOutOfBoundsException("fillBatch: rows [" + fromRow + ", " + toRow + ") are not rows of a batch of " + n);
        }
        float[] x = inputs.data();
        float[] y = targets.data();
        float[] batchX = batch.inputs().data();
        float[] batchY = batch.targets().data();
        int[] batchLabels = batch.labels();
        for (int row = fromRow; row < toRow; row++) {
            int example = order[start + row];
            if (example < 0 || example >= size()) {
                throw new IndexOutOfBoundsException("fillBatch: order[" + (start + row) + "] = " + example
                        + " is not an example index in [0, " + size() + ")");
            }
            System.arraycopy(x, example * in, batchX, row * in, in);
            System.arraycopy(y, example * out, batchY, row * out, out);
            batchLabels[row] = labels == null ? -1 : labels[example];
        }
    }

    @Override
    public String toString() {
        return "Dataset of " + size() + " examples, " + inputSize() + " inputs → " + outputSize() + " outputs"
                + (labels == null ? " (regression)" : " (" + classes + " classes)");
    }

    /** One-hot rows: row i has a 1 in column labels[i] and 0 elsewhere. Labels must be checked. */
    static Tensor oneHot(int[] labels, int classes) {
        Tensor targets = new Tensor(labels.length, classes);
        float[] y = targets.data();
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] = 1f;
        }
        return targets;
    }

    private static Tensor copyRows(String method, String name, float[][] rows) {
        Objects.requireNonNull(rows, name);
        if (rows.length == 0) {
            throw new IllegalArgumentException(method + ": " + name + " is empty; a dataset needs at least one example");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException(method + ": " + name + "[" + r + "] is null");
            }
        }
        int cols = rows[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(method + ": " + name + "[0] is empty; each row needs at least one value");
        }
        if ((long) rows.length * cols > IdxReader.MAX_DATA_BYTES) {
            throw new IllegalArgumentException(method + ": " + name + " " + rows.length + "×" + cols
                    + " is too large for one array");
        }
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException(method + ": " + name + "[" + r + "] has " + rows[r].length
                        + " values but " + name + "[0] has " + cols + "; rows must all have the same length");
            }
            for (int c = 0; c < cols; c++) {
                float v = rows[r][c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(method + ": " + name + "[" + r + "][" + c + "] is " + v
                            + "; values must be finite");
                }
                data[r * cols + c] = v;
            }
        }
        return Tensor.wrap(rows.length, cols, data);
    }

    private static void checkFinite(String method, String name, Tensor t) {
        float[] data = t.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(method + ": " + name + " (" + i / t.cols() + ", " + i % t.cols()
                        + ") is " + data[i] + "; values must be finite");
            }
        }
    }

    private static void checkLabels(String method, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(method + ": labels[" + i + "] = " + labels[i] + " is outside 0.."
                        + (classes - 1));
            }
        }
    }
}
