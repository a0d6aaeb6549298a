package dev.scratchnet.layer;

/**
 * The shape of one example as it flows between layers: channels × height × width.
 *
 * <p>A batch is still a row-major 2-D {@link dev.scratchnet.tensor.Tensor}, one example per row;
 * the shape says how to read a row. Image layers read it channel-major: the value at channel c,
 * row y, column x sits at column {@code (c·height + y)·width + x} of the example's row. A plain
 * feature vector of n values is {@link #flat flat(n)} = n × 1 × 1, so a dense layer after a pooling
 * layer simply sees c·h·w inputs.
 *
 * @param channels c, at least 1
 * @param height h, at least 1
 * @param width w, at least 1
 */
public record Shape(int channels, int height, int width) {
    /**
     * Checks that every dimension is at least 1 and that the size fits a tensor row.
     *
     * @param channels see the record description
     * @param height see the record description
     * @param width see the record description
     */
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a shape needs every dimension at least 1, got "
                    + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + channels + "×" + height + "×" + width
                    + " has more values than a tensor row can hold");
        }
    }

    /**
     * A plain feature vector.
     *
     * @param size n, the number of features
     * @return n × 1 × 1
     */
    public static Shape flat(int size) {
        return new Shape(size, 1, 1);
    }

    /** @return c·h·w, the number of columns one example takes in a batch */
    public int size() {
        return channels * height * width;
    }

    /** @return true if the example has a spatial extent (height or width above 1), false for a plain vector */
    public boolean isImage() {
        return height > 1 || width > 1;
    }

    /** @return {@code 1×28×28} for an image, {@code 128} for a plain vector */
    @Override
    public String toString() {
        return isImage() ? channels + "×" + height + "×" + width : Integer.toString(channels);
    }
}
