package dev.scratchnet.data;

/**
 * How to turn pictures into inputs; see {@link ImageFolderDataset}.
 *
 * @param color  grayscale (1 channel) or RGB (3 channels)
 * @param height the height to resize every picture to, or 0 to take the first picture's size
 * @param width  the width to resize every picture to, or 0 to take the first picture's size
 */
public record ImageOptions(Color color, int height, int width) {
    /** Grayscale, every picture as large as the first one. */
    public static final ImageOptions DEFAULTS = new ImageOptions(Color.GRAYSCALE, 0, 0);

    /** The channels an input gets. */
    public enum Color {
        /** One channel: the luma 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601, as PIL's {@code convert("L")}). */
        GRAYSCALE(1),
        /** Three channels, red, green and blue, one plane after the other. */
        RGB(3);

        private final int channels;

        Color(int channels) {
            this.channels = channels;
        }

        /** @return 1 for grayscale, 3 for RGB */
        public int channels() {
            return channels;
        }
    }

    /**
     * Checks the options.
     *
     * @param color grayscale or RGB
     * @param height the height to resize to, or 0
     * @param width the width to resize to, or 0
     * @throws IllegalArgumentException if the color is missing, a size is negative, or only one of
     *                                  height and width is given
     */
    public ImageOptions {
        if (color == null) {
            throw new IllegalArgumentException("image options need a color (GRAYSCALE or RGB)");
        }
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("give both height and width (at least 1), or neither (0), got "
                    + height + "×" + width);
        }
    }

    /**
     * @param newHeight rows of pixels, at least 1
     * @param newWidth  columns of pixels, at least 1
     * @return these options resizing every picture to that size
     */
    public ImageOptions withSize(int newHeight, int newWidth) {
        if (newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("an image size needs height and width of at least 1, got "
                    + newHeight + "×" + newWidth);
        }
        return new ImageOptions(color, newHeight, newWidth);
    }

    /**
     * @param newColor grayscale or RGB
     * @return these options with that color
     */
    public ImageOptions withColor(Color newColor) {
        return new ImageOptions(newColor, height, width);
    }

    /** @return true if a size was given, false if the first picture sets it */
    public boolean hasSize() {
        return height > 0;
    }
}
