package dev.scratchnet.tensor;

import java.util.Arrays;

/**
 * A dense matrix of 32-bit floats, stored row-major in one {@code float[]}.
 *
 * <p>Element (r, c) lives at {@code data()[r * cols() + c]}. Everything in Scratchnet is a matrix:
 * a batch of inputs is (batch × features), a weight matrix is (in × out), a bias is (1 × out).
 * The shape is fixed at construction; the contents are mutable, so kernels can write into
 * tensors that are allocated once and reused on every training step.
 *
 * <p>Images stay 2-D too: a batch of images is (batch × c·h·w), one image per row, and the row is
 * read channel-major, so pixel (channel c, row y, column x) of example r is element
 * (r, (c·h + y)·w + x). The shape (c, h, w) is not stored here; it travels between layers as a
 * {@code dev.scratchnet.layer.Shape}.
 *
 * <p>Not thread-safe: a tensor may be read by many threads at once, but a thread that writes it
 * must not share it while writing.
 */
public final class Tensor {
    private final int rows;
    private final int cols;
    private final float[] data;

    /**
     * Creates a zero-filled tensor.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1
     * @throws IllegalArgumentException if a dimension is below 1 or the size exceeds an array
     */
    public Tensor(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    private Tensor(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Wraps an existing array without copying it; changes to either are seen by both.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1
     * @param data row-major values, exactly {@code rows * cols} of them
     * @return a tensor backed by {@code data}
     * @throws IllegalArgumentException if the array length does not match the shape
     */
    public static Tensor wrap(int rows, int cols, float[] data) {
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "wrap: " + rows + "×" + cols + " needs " + size + " values, array has " + data.length);
        }
        return new Tensor(rows, cols, data);
    }

    /**
     * Copies rows of values into a new tensor.
     *
     * @param values one array per row, all of the same non-zero length
     * @return a new tensor holding a copy of {@code values}
     * @throws IllegalArgumentException if the rows are empty or ragged
     */
    public static Tensor of(float[]... values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("of: need at least one row and one column");
        }
        Tensor t = new Tensor(values.length, values[0].length);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != t.cols) {
                throw new IllegalArgumentException(
                        "of: row " + r + " has " + values[r].length + " values, row 0 has " + t.cols);
            }
            System.arraycopy(values[r], 0, t.data, r * t.cols, t.cols);
        }
        return t;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tensor shape must be at least 1×1, got " + rows + "×" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + rows + "×" + cols + " is too large for one array");
        }
        return (int) size;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return {@code rows() * cols()} */
    public int size() {
        return data.length;
    }

    /**
     * The backing array, row-major. Kernels read and write it directly; this is not a copy.
     *
     * @return the backing array
     */
    public float[] data() {
        return data;
    }

    /**
     * @param row row index
     * @param col column index
     * @return the element at (row, col)
     */
    public float get(int row, int col) {
        return data[index(row, col)];
    }

    /**
     * Sets the element at (row, col).
     *
     * @param row row index
     * @param col column index
     * @param value the new value
     */
    public void set(int row, int col, float value) {
        data[index(row, col)] = value;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + shape());
        }
        return row * cols + col;
    }

    /**
     * @param other the tensor to compare with
     * @return true if {@code other} has the same number of rows and columns
     */
    public boolean sameShape(Tensor other) {
        return rows == other.rows && cols == other.cols;
    }

    /** @return the shape as text, for example {@code "32×784"} */
    public String shape() {
        return rows + "×" + cols;
    }

    /** @return a deep copy of this tensor */
    public Tensor copy() {
        return new Tensor(rows, cols, data.clone());
    }

    /**
     * Copies the values of {@code source}, which must have the same shape, into this tensor.
     *
     * @param source the tensor to copy from
     */
    public void copyFrom(Tensor source) {
        if (!sameShape(source)) {
            throw new IllegalArgumentException("copyFrom: target is " + shape() + ", source is " + source.shape());
        }
        System.arraycopy(source.data, 0, data, 0, data.length);
    }

    /** @return true if every element is finite (no NaN, no infinity) */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Two tensors are equal if they have the same shape and bit-identical values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && sameShape(t) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    /** @return the shape and, for small tensors, the values */
    @Override
    public String toString() {
        if (data.length > 64) {
            return "Tensor " + shape();
        }
        StringBuilder sb = new StringBuilder("Tensor ").append(shape()).append(" [");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ", ").append(data[r * cols + c]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
