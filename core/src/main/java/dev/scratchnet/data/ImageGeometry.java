package dev.scratchnet.data;

/**
 * The shape of one image example: channels × height × width. A dataset row holds the pixels
 * channel-major (all of channel 0 row by row, then channel 1, …), so pixel (c, y, x) is at
 * {@code (c·height + y)·width + x}.
 *
 * <p>This is the data package's own small value, so that loaders need nothing from the layer code;
 * converting it to a layer's input shape is one constructor call.
 *
 * @param channels 1 for grayscale, 3 for RGB; at least 1
 * @param height   rows of pixels; at least 1
 * @param width    columns of pixels; at least 1
 */
public record ImageGeometry(int channels, int height, int width) {
    /**
     * Checks the sizes.
     *
     * @param channels 1 for grayscale, 3 for RGB
     * @param height rows of pixels
     * @param width columns of pixels
     * @throws IllegalArgumentException if a size is below 1 or the image has more than 2³¹−1 values
     */
    public ImageGeometry {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image geometry needs channels, height and width of at least 1, got "
                    + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width > IdxReader.MAX_DATA_BYTES) {
            throw new IllegalArgumentException("image geometry " + channels + "×" + height + "×" + width
                    + " has too many values for one row");
        }
    }

    /** @return the number of values in one example: channels · height · width */
    public int size() {
        return channels * height * width;
    }

    /** @return the shape as text, for example {@code "1×28×28"} */
    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
