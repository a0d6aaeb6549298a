package dev.scratchnet.backend;

/**
 * Where a square window visits an image: the input is c × h × w (channel-major, one example per row of
 * a batch), the window is k × k, it moves by the stride s and the image is padded with p zeros on every
 * side. Output position (oy, ox) sees input rows oy·s − p … oy·s − p + k − 1 and the matching columns,
 * so the output is oh × ow with oh = ⌊(h + 2p − k) / s⌋ + 1, likewise ow.
 *
 * <p>Convolution and max-pooling kernels both take one; for pooling, k is the pool window.
 *
 * @param channels c, at least 1
 * @param height h, at least 1
 * @param width w, at least 1
 * @param kernel k, at least 1 and at most h + 2p and w + 2p
 * @param stride s, at least 1
 * @param padding p, from 0 to k − 1 (so every window sees at least one real input)
 */
public record ConvGeometry(int channels, int height, int width, int kernel, int stride, int padding) {
    /**
     * Checks the sizes.
     *
     * @param channels see the record description
     * @param height see the record description
     * @param width see the record description
     * @param kernel see the record description
     * @param stride see the record description
     * @param padding see the record description
     * @throws IllegalArgumentException naming the sizes when the window does not fit
     */
    public ConvGeometry {
        if (channels < 1 || height < 1 || width < 1 || kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("bad window geometry: " + channels + "×" + height + "×" + width
                    + " input, kernel " + kernel + ", stride " + stride + ", padding " + padding
                    + " (need sizes ≥ 1 and 0 ≤ padding < kernel)");
        }
        if (kernel > height + 2 * padding || kernel > width + 2 * padding) {
            throw new IllegalArgumentException("a " + kernel + "×" + kernel + " window does not fit a " + height + "×"
                    + width + " input with padding " + padding);
        }
    }

    /** @return oh = ⌊(h + 2p − k) / s⌋ + 1 */
    public int outputHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    /** @return ow = ⌊(w + 2p − k) / s⌋ + 1 */
    public int outputWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    /** @return P = oh·ow, the window positions per channel */
    public int positions() {
        return outputHeight() * outputWidth();
    }

    /** @return c·k·k, the inputs one window sees across all channels (one column of im2col) */
    public int patchSize() {
        return channels * kernel * kernel;
    }

    /** @return c·h·w, the values of one input example */
    public int inputSize() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width + " input, " + kernel + "×" + kernel + " window, stride " + stride
                + ", padding " + padding;
    }
}
