package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;

/** In-memory examples. (Temporary minimal version; replaced by the data branch.) */
public final class Dataset {
    private final Tensor inputs;
    private final Tensor targets;
    private final int[] labels;

    private Dataset(Tensor inputs, Tensor targets, int[] labels) {
        this.inputs = inputs;
        this.targets = targets;
        this.labels = labels;
    }

    /**
     * @param inputs inputs
     * @param targets targets
     * @param labelsOrNull labels
     * @return dataset
     */
    public static Dataset of(Tensor inputs, Tensor targets, int[] labelsOrNull) {
        return new Dataset(inputs, targets, labelsOrNull);
    }

    /**
     * @param inputs inputs
     * @param labels labels
     * @param classes classes
     * @return dataset
     */
    public static Dataset ofClasses(float[][] inputs, int[] labels, int classes) {
        Tensor y = new Tensor(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.set(i, labels[i], 1f);
        }
        return new Dataset(Tensor.of(inputs), y, labels.clone());
    }

    /**
     * @param inputs inputs
     * @param targets targets
     * @return dataset
     */
    public static Dataset ofTargets(float[][] inputs, float[][] targets) {
        return new Dataset(Tensor.of(inputs), Tensor.of(targets), null);
    }

    /** @return size */
    public int size() {
        return inputs.rows();
    }

    /** @return input size */
    public int inputSize() {
        return inputs.cols();
    }

    /** @return output size */
    public int outputSize() {
        return targets.cols();
    }

    /** @return inputs */
    public Tensor inputs() {
        return inputs;
    }

    /** @return targets */
    public Tensor targets() {
        return targets;
    }

    /** @return labels or null */
    public int[] labels() {
        return labels;
    }

    /** @return whether labels exist */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return classes */
    public int classes() {
        return targets.cols();
    }

    /**
     * @param order order
     * @param start start
     * @param batch batch
     */
    public void fillBatch(int[] order, int start, Batch batch) {
        int in = inputSize(), out = outputSize();
        for (int r = 0; r < batch.size(); r++) {
            int i = order[start + r];
            System.arraycopy(inputs.data(), i * in, batch.inputs().data(), r * in, in);
            System.arraycopy(targets.data(), i * out, batch.targets().data(), r * out, out);
            batch.labels()[r] = labels == null ? -1 : labels[i];
        }
    }
}
