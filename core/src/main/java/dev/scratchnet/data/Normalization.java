package dev.scratchnet.data;

/**
 * How raw pixel bytes become network inputs: {@code x' = raw · scale + offset}.
 *
 * <p>The same normalization must be used for training and for prediction, so a saved model stores it
 * next to the weights.
 *
 * @param scale  multiplies the raw value (0..255); finite
 * @param offset added after scaling; finite
 */
public record Normalization(float scale, float offset) {
    /** Pixels to [0, 1]: {@code x' = raw / 255}. The MNIST default. */
    public static final Normalization UNIT = new Normalization(1f / 255f, 0f);

    /** Raw byte values, unchanged: {@code x' = raw}. */
    public static final Normalization RAW = new Normalization(1f, 0f);

    /**
     * Checks that both numbers are finite.
     *
     * @param scale  multiplies the raw value (0..255)
     * @param offset added after scaling
     * @throws IllegalArgumentException if {@code scale} or {@code offset} is NaN or infinite
     */
    public Normalization {
        if (!Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException(
                    "normalization needs finite numbers, got scale " + scale + " and offset " + offset);
        }
    }

    /**
     * Standardization to zero mean and unit deviation: {@code x' = (raw / 255 − mean) / std}.
     * For MNIST the usual values are mean 0.1307 and std 0.3081.
     *
     * @param mean mean of the pixels after scaling them to [0, 1]
     * @param std  standard deviation of the pixels after scaling them to [0, 1]; positive
     * @return the equivalent {@code scale} and {@code offset}
     * @throws IllegalArgumentException if {@code std} is not positive or a value is not finite
     */
    public static Normalization standardize(float mean, float std) {
        if (!(std > 0f) || !Float.isFinite(std) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException(
                    "standardize needs a finite mean and a positive finite std, got mean " + mean + " and std " + std);
        }
        return new Normalization(1f / (255f * std), -mean / std);
    }

    /**
     * @param rawUnsignedByte a pixel value, 0..255
     * @return {@code rawUnsignedByte · scale + offset}
     * @throws IllegalArgumentException if the value is outside 0..255
     */
    public float apply(int rawUnsignedByte) {
        if (rawUnsignedByte < 0 || rawUnsignedByte > 255) {
            throw new IllegalArgumentException("a raw pixel is 0..255, got " + rawUnsignedByte);
        }
        return rawUnsignedByte * scale + offset;
    }

    /**
     * All 256 possible results, so that decoding an image is one table lookup per pixel.
     *
     * @return {@code table[b] == apply(b)} for b in 0..255
     */
    float[] table() {
        float[] table = new float[256];
        for (int b = 0; b < 256; b++) {
            table[b] = apply(b);
        }
        return table;
    }
}
