package dev.scratchnet.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The contents of one IDX file of unsigned bytes: its shape and its data.
 *
 * <p>The first dimension counts the items (images or labels); the others give each item's shape,
 * for example {@code [60000, 28, 28]} for the MNIST training images and {@code [60000]} for its
 * labels. The data is stored row-major, item after item, exactly as in the file.
 *
 * <p>{@code dimensions} is copied, so the shape cannot change. {@code data} is <em>not</em> copied,
 * because it can be tens of megabytes; treat it as read-only.
 *
 * @param source     the file it was read from, used in messages
 * @param dimensions the size of each dimension, 1 to 4 of them, each at least 1
 * @param data       the raw unsigned bytes, exactly the product of the dimensions
 */
public record IdxFile(Path source, int[] dimensions, byte[] data) {
    /**
     * Checks that the shape is valid and matches the data length.
     *
     * @param source     the file it was read from, used in messages
     * @param dimensions the size of each dimension, 1 to 4 of them, each at least 1; copied
     * @param data       the raw unsigned bytes, exactly the product of the dimensions; not copied
     * @throws IllegalArgumentException if there are not 1 to 4 dimensions, a dimension is below 1, or
     *                                  the data length is not the product of the dimensions
     */
    public IdxFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(data, "data");
        if (dimensions.length < 1 || dimensions.length > IdxReader.MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "an IDX file has 1 to " + IdxReader.MAX_DIMENSIONS + " dimensions, got " + dimensions.length);
        }
        dimensions = dimensions.clone();
        long product = 1;
        for (int d : dimensions) {
            if (d < 1) {
                throw new IllegalArgumentException("IDX dimensions must be at least 1, got " + shape(dimensions));
            }
            product *= d;
        }
        if (product != data.length) {
            throw new IllegalArgumentException(
                    "shape " + shape(dimensions) + " needs " + product + " bytes, data has " + data.length);
        }
    }

    /** @return a copy of the dimensions, the item count first */
    @Override
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** @return the number of items: the first dimension */
    public int count() {
        return dimensions[0];
    }

    /** @return the number of bytes in one item: the product of all dimensions but the first (1 for a 1-D file) */
    public int itemSize() {
        return data.length / dimensions[0];
    }

    /**
     * @param index position in {@code data()}
     * @return the byte at {@code index}, read as unsigned (0..255)
     */
    public int unsignedByte(int index) {
        return data[index] & 0xFF;
    }

    /** @return the shape as text, for example {@code "60000×28×28"} */
    public String shape() {
        return shape(dimensions);
    }

    static String shape(int[] dimensions) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dimensions[i]);
        }
        return sb.toString();
    }

    /** Two IDX files are equal if they have the same source, shape and bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile f && source.equals(f.source)
                && Arrays.equals(dimensions, f.dimensions) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, Arrays.hashCode(dimensions), Arrays.hashCode(data));
    }

    /** @return the source and shape, without the data */
    @Override
    public String toString() {
        return "IdxFile " + source + " " + shape();
    }
}
