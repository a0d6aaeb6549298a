package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Shifts and scales inputs to zero mean and unit deviation: {@code x'ⱼ = (xⱼ − meanⱼ) / stdⱼ}.
 *
 * <p>Either one mean and deviation for every value ({@link #fitGlobal}: right for pixels, which share
 * one scale, and it keeps an image's contrast), or one per feature ({@link #fitPerFeature}: right
 * for table columns measured in different units). It is fitted on the training data only, so the
 * test set stays unseen, and the same value is applied to test data and to anything predicted later;
 * a model file records it for that reason.
 *
 * <p>A feature whose training values are all equal has deviation 0; it is stored as 1, so the
 * feature becomes 0 instead of NaN (what scikit-learn's {@code StandardScaler} does).
 *
 * @param mean one value (global) or one per feature; finite
 * @param std  as many values as {@code mean}; finite and positive
 */
public record Standardization(float[] mean, float[] std) {
    /** Which standardization to fit. */
    public enum Mode {
        /** None: inputs stay as the loader produced them. */
        NONE,
        /** One mean and deviation for all values ({@link #fitGlobal}); the choice for images. */
        GLOBAL,
        /** One mean and deviation per feature ({@link #fitPerFeature}); the choice for table columns. */
        PER_FEATURE;

        /**
         * Fits this kind of standardization.
         *
         * @param inputs the training inputs, one example per row
         * @return the fitted value; {@link Standardization#NONE} for {@link #NONE}
         */
        public Standardization fit(Tensor inputs) {
            return switch (this) {
                case NONE -> Standardization.NONE;
                case GLOBAL -> fitGlobal(inputs);
                case PER_FEATURE -> fitPerFeature(inputs);
            };
        }
    }

    /** The identity: mean 0 and deviation 1, leaving inputs unchanged. */
    public static final Standardization NONE = new Standardization(new float[] {0f}, new float[] {1f});

    /**
     * Checks the arrays and copies them, so the value cannot change.
     *
     * @param mean one value or one per feature; copied
     * @param std as many positive values; copied
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a value that is
     *                                  not finite or a deviation that is not positive
     */
    public Standardization {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("standardization needs as many deviations as means (at least one), got "
                    + mean.length + " means and " + std.length + " deviations");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Float.isFinite(mean[j]) || !Float.isFinite(std[j]) || !(std[j] > 0f)) {
                throw new IllegalArgumentException("standardization value " + j + " has mean " + mean[j]
                        + " and deviation " + std[j] + "; the mean must be finite and the deviation positive");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * One mean and deviation over all values of all examples.
     *
     * @param inputs the training inputs, one example per row
     * @return the fitted standardization, with one value each
     */
    public static Standardization fitGlobal(Tensor inputs) {
        float[] x = inputs.data();
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double squares = 0;
        for (float v : x) {
            squares += (v - mean) * (v - mean);
        }
        return new Standardization(new float[] {(float) mean}, new float[] {deviation(squares, x.length)});
    }

    /**
     * A mean and deviation for each column (feature), over the examples.
     *
     * @param inputs the training inputs, one example per row
     * @return the fitted standardization, with {@code inputs.cols()} values each
     */
    public static Standardization fitPerFeature(Tensor inputs) {
        int rows = inputs.rows();
        int cols = inputs.cols();
        float[] x = inputs.data();
        // Two passes in double, row by row so memory is read in order: sums, then squared deviations.
        double[] sum = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sum[j] += x[i * cols + j];
            }
        }
        double[] mean = new double[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = sum[j] / rows;
        }
        double[] squares = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = x[i * cols + j] - mean[j];
                squares[j] += d * d;
            }
        }
        float[] m = new float[cols];
        float[] s = new float[cols];
        for (int j = 0; j < cols; j++) {
            m[j] = (float) mean[j];
            s[j] = deviation(squares[j], rows);
        }
        return new Standardization(m, s);
    }

    /** Population deviation sqrt(Σ(x−mean)²/n); 1 where it is 0 or too small for a float. */
    private static float deviation(double squares, int n) {
        float std = (float) Math.sqrt(squares / n);
        return std > 0f && Float.isFinite(std) ? std : 1f;
    }

    /** @return true if this is one value for all inputs, false if it is one per feature */
    public boolean isGlobal() {
        return mean.length == 1;
    }

    /** @return true if applying it changes nothing (every mean 0, every deviation 1) */
    public boolean isIdentity() {
        for (int j = 0; j < mean.length; j++) {
            if (mean[j] != 0f || std[j] != 1f) {
                return false;
            }
        }
        return true;
    }

    /** @return a copy of the means */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the deviations */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Standardizes one example in place.
     *
     * @param input one example's values; a per-feature standardization needs exactly its length
     * @throws IllegalArgumentException if a per-feature standardization has another length
     */
    public void applyInPlace(float[] input) {
        checkWidth(input.length);
        applyRows(input, input.length);
    }

    /**
     * A copy of the dataset with standardized inputs; the targets and labels are shared, not copied.
     *
     * @param data inputs as the loader produced them
     * @return the same examples with {@code x' = (x − mean) / std}
     * @throws IllegalArgumentException if a per-feature standardization has another input size
     */
    public Dataset apply(Dataset data) {
        checkWidth(data.inputSize());
        float[] x = data.inputs().data().clone();
        applyRows(x, data.inputSize());
        return new Dataset(Tensor.wrap(data.size(), data.inputSize(), x), data.targets(), data.labels(),
                data.classes());
    }

    private void applyRows(float[] x, int width) {
        if (isGlobal()) {
            float m = mean[0];
            float s = std[0];
            for (int i = 0; i < x.length; i++) {
                x[i] = (x[i] - m) / s;
            }
            return;
        }
        for (int row = 0; row < x.length; row += width) {
            for (int j = 0; j < width; j++) {
                x[row + j] = (x[row + j] - mean[j]) / std[j];
            }
        }
    }

    private void checkWidth(int width) {
        if (!isGlobal() && width != mean.length) {
            throw new IllegalArgumentException("standardization was fitted on " + mean.length
                    + " features but the input has " + width);
        }
    }

    /** Two standardizations are equal if their means and deviations are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    /** @return a short description, for example {@code "global mean 0.1307, std 0.3081"} */
    @Override
    public String toString() {
        if (isGlobal()) {
            return "global mean " + mean[0] + ", std " + std[0];
        }
        return "per-feature mean and std of " + mean.length + " features";
    }
}
