package dev.scratchnet.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one picture with {@code javax.imageio} into channel planes of values in [0, 1]. A decoder
 * warning (a JPEG that ends early is only a warning to ImageIO, which fills the rest with grey) is an
 * error here: a half-grey picture would silently spoil the training set.
 */
final class PictureReader {
    /** The file name endings read as pictures, lower case. */
    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private PictureReader() {
    }

    /** A decoded picture: its size and the image, not yet converted. */
    record Picture(Path file, BufferedImage image) {
        int height() {
            return image.getHeight();
        }

        int width() {
            return image.getWidth();
        }
    }

    static boolean isPicture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Decodes the first frame of {@code file}. */
    static Picture read(Path file) throws IOException {
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw bad(file, "cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw bad(file, "is not a picture that ImageIO can read (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged data as IIOException, EOFException, or a runtime exception from a codec.
            throw bad(file, "cannot be decoded (" + describe(e) + ")");
        }
        if (!warnings.isEmpty()) {
            throw bad(file, "is damaged: the decoder warned \"" + warnings.get(0) + "\"");
        }
        return new Picture(file, image);
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof EOFException) {
            return "the file ends early";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static DataFormatException bad(Path file, String what) {
        return new DataFormatException("Picture " + file + " " + what + "; replace or delete it.");
    }

    /**
     * The picture's channels at its own size, one plane after the other, values in [0, 1]: one plane
     * for grayscale, three (red, green, blue) for RGB. Alpha is ignored.
     */
    static float[] planes(BufferedImage image, ImageOptions.Color color) {
        int h = image.getHeight();
        int w = image.getWidth();
        int n = h * w;
        float[] out = new float[color.channels() * n];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof IndexColorModel);
        if (gray) {
            // Raw samples: getRGB would convert linear gray to sRGB and change every value.
            float scale = 1f / ((1 << raster.getSampleModel().getSampleSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) * scale;
                    for (int c = 0; c < color.channels(); c++) {
                        out[c * n + y * w + x] = v;
                    }
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float scale = 1f / 255f;
        for (int i = 0; i < n; i++) {
            int r = argb[i] >> 16 & 0xFF;
            int g = argb[i] >> 8 & 0xFF;
            int b = argb[i] & 0xFF;
            if (color == ImageOptions.Color.RGB) {
                out[i] = r * scale;
                out[n + i] = g * scale;
                out[2 * n + i] = b * scale;
            } else {
                // A gray pixel keeps its exact value; the weights need not sum to exactly 1 in floats.
                out[i] = r == g && g == b ? r * scale : (0.299f * r + 0.587f * g + 0.114f * b) * scale;
            }
        }
        return out;
    }
}
