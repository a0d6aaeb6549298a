package dev.scratchnet.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a picture of a handwritten digit into the 28×28 input an MNIST network expects, the way
 * the MNIST images themselves were made: grayscale, light ink on a dark background, the ink's
 * bounding box scaled (keeping its aspect ratio) to fit a 20×20 box, and that box placed in the
 * 28×28 frame so the centre of mass of the ink sits in the middle.
 *
 * <p>A network trained on MNIST has only ever seen that framing, so skipping any of these steps
 * (say, scaling the whole photo down to 28×28) makes good models guess badly.
 */
final class DigitImage {
    static final int SIDE = 28;
    static final int BOX = 20;
    /** Above this, refuse before decoding: a small header can claim an image that would fill the heap. */
    static final long MAX_PIXELS = 50_000_000L;
    /** Larger images are decoded with subsampling, which keeps memory small and loses nothing at 20×20. */
    static final long DECODE_PIXELS = 4_000_000L;
    /** Ink (0 to 1, after contrast stretch) below this is treated as paper when finding the bounding box. */
    private static final float INK_THRESHOLD = 0.2f;
    /** Less contrast than this between paper and ink means there is no digit to find. */
    private static final float MIN_CONTRAST = 0.1f;

    private DigitImage() {
    }

    /**
     * Reads and preprocesses one image file.
     *
     * @return 784 pixel values in 0..255, row by row, 0 for background, as in the MNIST files
     * @throws IOException with one sentence if the file is missing, empty, too big or not a readable image
     */
    static int[] load(Path file) throws IOException {
        return preprocess(read(file), file.toString());
    }

    static BufferedImage read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file; give a PNG or JPEG picture of a digit");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + " is empty; give a PNG or JPEG picture of a digit");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString());
        }
    }

    /**
     * Decodes an image from a stream, refusing sizes that would fill the heap before decoding them.
     *
     * @param name how to name the image in error messages
     */
    static BufferedImage decode(ImageInputStream in, String name) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException(name + " is not an image this program can read; give a PNG, JPEG, GIF or BMP file");
        }
        ImageReader reader = readers.next();
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        try {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw undecodable(name, format, e);
            }
            long pixels = (long) width * height;
            if (pixels > MAX_PIXELS) {
                throw new IOException(name + " is " + width + "×" + height + " pixels; predict reads images of up to "
                        + MAX_PIXELS / 1_000_000 + " million pixels, so scale it down first");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) pixels / DECODE_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            // Some decoders (JPEG) fill a cut-short image with grey and only warn ("Premature end
            // of JPEG file"); a guess from half a picture is worse than no answer, so warnings fail.
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw undecodable(name, format, e);
            }
            if (!warnings.isEmpty()) {
                throw undecodable(name, format, new IOException(warnings.get(0)));
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** Truncated or malformed data: decoders throw all sorts of things for that. */
    private static IOException undecodable(String name, String format, Exception e) {
        return new IOException(name + " could not be decoded as " + format + " (" + e.getMessage()
                + "); the file may be damaged or cut short", e);
    }

    /**
     * The MNIST preprocessing of an already decoded image.
     *
     * @param name how to name the image in error messages
     * @return 784 pixel values in 0..255, 0 for background
     * @throws IOException if there is no ink to find
     */
    static int[] preprocess(BufferedImage image, String name) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] ink = inkOf(image);
        float background = borderMean(ink, width, height);
        float max = 0;
        for (float v : ink) {
            max = Math.max(max, v);
        }
        if (max - background < MIN_CONTRAST) {
            throw new IOException(name + " shows no digit (no strokes stand out from the background); "
                    + "give a picture of one digit with clear contrast");
        }
        // Contrast stretch, so pencil on grey paper looks like MNIST's full-strength strokes.
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, Math.min(1, (ink[i] - background) / (max - background)));
        }

        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > INK_THRESHOLD) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        int cropWidth = right - left + 1;
        int cropHeight = bottom - top + 1;
        float[] crop = new float[cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            System.arraycopy(ink, (top + y) * width + left, crop, y * cropWidth, cropWidth);
        }

        double factor = (double) BOX / Math.max(cropWidth, cropHeight);
        int boxWidth = Math.max(1, (int) Math.round(cropWidth * factor));
        int boxHeight = Math.max(1, (int) Math.round(cropHeight * factor));
        float[] box = resample(crop, cropWidth, cropHeight, boxWidth, boxHeight);

        // Centre of mass in pixel indices, moved onto index (14, 14) of the frame: the convention the
        // MNIST files follow (their digits sit half a pixel right of and below the geometric centre).
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                float v = box[y * boxWidth + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        int offsetX = clamp((int) Math.round(SIDE / 2 - sumX / mass), 0, SIDE - boxWidth);
        int offsetY = clamp((int) Math.round(SIDE / 2 - sumY / mass), 0, SIDE - boxHeight);

        int[] pixels = new int[SIDE * SIDE];
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                pixels[(offsetY + y) * SIDE + offsetX + x] = Math.round(box[y * boxWidth + x] * 255);
            }
        }
        return pixels;
    }

    /**
     * Ink per pixel, 0 (paper) to 1 (full ink). Transparent pixels are laid on white paper first,
     * and the image is inverted if its border is light, so dark-on-light and light-on-dark both work.
     */
    private static float[] inkOf(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] brightness = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            // getRGB converts every colour model (palette, 16-bit, grey, CMYK JPEG...) to 8-bit sRGB.
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                float alpha = (argb >>> 24) / 255f;
                float luma = (0.299f * (argb >> 16 & 0xff) + 0.587f * (argb >> 8 & 0xff) + 0.114f * (argb & 0xff)) / 255f;
                brightness[y * width + x] = alpha * luma + (1 - alpha);
            }
        }
        boolean lightPaper = borderMean(brightness, width, height) > 0.5f;
        for (int i = 0; i < brightness.length; i++) {
            brightness[i] = lightPaper ? 1 - brightness[i] : brightness[i];
        }
        return brightness;
    }

    /** Mean of the outermost pixels: the border is paper in any sensible photo of one digit. */
    private static float borderMean(float[] values, int width, int height) {
        double sum = 0;
        int count = 0;
        for (int x = 0; x < width; x++) {
            sum += values[x] + values[(height - 1) * width + x];
            count += 2;
        }
        for (int y = 1; y < height - 1; y++) {
            sum += values[y * width] + values[y * width + width - 1];
            count += 2;
        }
        return (float) (sum / count);
    }

    /**
     * Area-average resampling: each output pixel is the mean of the input area it covers,
     * counting partly covered input pixels by the fraction covered. Done along rows, then columns.
     */
    static float[] resample(float[] source, int sourceWidth, int sourceHeight, int width, int height) {
        float[] rows = new float[width * sourceHeight];
        for (int y = 0; y < sourceHeight; y++) {
            resample1d(source, y * sourceWidth, 1, sourceWidth, rows, y * width, 1, width);
        }
        float[] out = new float[width * height];
        for (int x = 0; x < width; x++) {
            resample1d(rows, x, width, sourceHeight, out, x, width, height);
        }
        return out;
    }

    private static void resample1d(float[] in, int inOffset, int inStride, int n,
            float[] out, int outOffset, int outStride, int m) {
        double scale = (double) n / m;
        for (int j = 0; j < m; j++) {
            double start = j * scale;
            double end = (j + 1) * scale;
            double sum = 0;
            for (int i = (int) Math.floor(start); i < Math.min(n, (int) Math.ceil(end)); i++) {
                double overlap = Math.min(end, i + 1) - Math.max(start, i);
                sum += in[inOffset + i * inStride] * overlap;
            }
            out[outOffset + j * outStride] = (float) (sum / (end - start));
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
