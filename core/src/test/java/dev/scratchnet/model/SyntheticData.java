package dev.scratchnet.model;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;

/** Small made-up problems for training tests. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** @return the four XOR examples, two classes */
    public static Dataset xor() {
        return Dataset.ofClasses(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 0}, 2);
    }

    /**
     * Gaussian blobs around the corners of a square, one class per corner: separable, but not by
     * one straight line for all classes at once.
     *
     * @param n examples
     * @param seed random seed
     * @return the data set, 2 inputs, 4 classes
     */
    public static Dataset blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(4);
            labels[i] = c;
            x[i][0] = (float) ((c % 2 == 0 ? -1.5 : 1.5) + 0.5 * random.nextGaussian());
            x[i][1] = (float) ((c / 2 == 0 ? -1.5 : 1.5) + 0.5 * random.nextGaussian());
        }
        return Dataset.ofClasses(x, labels, 4);
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param seed seed
     * @return uniform values in [−1, 1)
     */
    public static Tensor uniform(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return t;
    }

    /**
     * @param rows rows
     * @param classes columns
     * @param seed seed
     * @return one-hot rows
     */
    public static Tensor oneHot(int rows, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(rows, classes);
        for (int i = 0; i < rows; i++) {
            t.set(i, random.nextInt(classes), 1f);
        }
        return t;
    }

    /**
     * Small images (1 × size × size) of one bright bar on noise: class 0 horizontal, class 1 vertical, at a
     * random row or column. A convolution learns it quickly; a linear model on raw pixels cannot, since
     * the bar moves.
     *
     * @param n examples
     * @param size the image side
     * @param seed random seed
     * @return the data set, size² inputs, 2 classes
     */
    public static Dataset bars(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(2), at = random.nextInt(size);
            labels[i] = c;
            for (int p = 0; p < size * size; p++) {
                x[i][p] = (float) (0.2 * random.nextDouble());
            }
            for (int t = 0; t < size; t++) {
                x[i][c == 0 ? at * size + t : t * size + at] = 1f;
            }
        }
        return Dataset.ofClasses(x, labels, 2);
    }
}
