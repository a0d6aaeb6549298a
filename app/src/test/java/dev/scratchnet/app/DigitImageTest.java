package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.testing.TestData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImageTest {
    @TempDir
    Path tmp;

    /** A "7" drawn dark on light: a bar across the top and a stroke down to the bottom left. */
    static BufferedImage drawSeven(int width, int height, Color paper, Color ink, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(Math.max(2, width / 14f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(width * 3 / 10, height / 5, width * 7 / 10, height / 5);
        g.drawLine(width * 7 / 10, height / 5, width * 4 / 10, height * 4 / 5);
        g.dispose();
        return image;
    }

    static Path writePng(Path file, BufferedImage image) throws IOException {
        assertTrue(ImageIO.write(image, "png", file.toFile()), "no PNG writer for this image type");
        return file;
    }

    @Test
    void digitIsFramedLikeMnist() throws Exception {
        int[] pixels = DigitImage.load(writePng(tmp.resolve("seven.png"),
                drawSeven(200, 300, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB)));
        assertEquals(784, pixels.length);
        int[] rows = inkRows(pixels);
        // Taller than wide, so the height fills the 20-pixel box.
        assertEquals(20, rows[1] - rows[0] + 1, Arrays.toString(rows));
        double[] centre = centreOfMass(pixels);
        assertEquals(14, centre[0], 1.0);
        assertEquals(14, centre[1], 1.0);
        assertEquals(0, pixels[0], "background must be 0");
        assertTrue(Arrays.stream(pixels).max().orElse(0) >= 250, "strokes should reach full ink");
    }

    @Test
    void lightOnDarkGivesTheSameAsDarkOnLight() throws Exception {
        int[] dark = DigitImage.load(writePng(tmp.resolve("a.png"),
                drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB)));
        int[] light = DigitImage.load(writePng(tmp.resolve("b.png"),
                drawSeven(140, 140, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB)));
        assertTrue(maxDifference(dark, light) <= 2, "max difference " + maxDifference(dark, light));
    }

    @Test
    void transparentBackgroundIsLaidOnWhite() throws Exception {
        int[] opaque = DigitImage.load(writePng(tmp.resolve("a.png"),
                drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_ARGB)));
        // Fully transparent black paper: without compositing this would look like black ink everywhere.
        int[] transparent = DigitImage.load(writePng(tmp.resolve("b.png"),
                drawSeven(140, 140, new Color(0, 0, 0, 0), Color.BLACK, BufferedImage.TYPE_INT_ARGB)));
        assertTrue(maxDifference(opaque, transparent) <= 2, "max difference " + maxDifference(opaque, transparent));
    }

    @Test
    void sixteenBitGrayPngWorks() throws Exception {
        BufferedImage gray16 = new BufferedImage(140, 140, BufferedImage.TYPE_USHORT_GRAY);
        Graphics2D g = gray16.createGraphics();
        g.drawImage(drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), 0, 0, null);
        g.dispose();
        Path file = writePng(tmp.resolve("gray16.png"), gray16);
        assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0));
        assertFrames(DigitImage.load(file));
    }

    @Test
    void palettePngWorks() throws Exception {
        BufferedImage indexed = new BufferedImage(140, 140, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        g.drawImage(drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), 0, 0, null);
        g.dispose();
        assertFrames(DigitImage.load(writePng(tmp.resolve("palette.png"), indexed)));
    }

    @Test
    void jpegWorks() throws Exception {
        Path file = tmp.resolve("seven.jpg");
        assertTrue(ImageIO.write(drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "jpg", file.toFile()));
        assertFrames(DigitImage.load(file));
    }

    @Test
    void largeImageIsSubsampledWhileDecoding() throws Exception {
        BufferedImage big = drawSeven(3000, 3000, Color.WHITE, Color.BLACK, BufferedImage.TYPE_BYTE_BINARY);
        Path file = writePng(tmp.resolve("big.png"), big);
        assertTrue(DigitImage.read(file).getWidth() < 3000, "expected subsampled decoding");
        assertFrames(DigitImage.load(file));
    }

    @Test
    void hugeImageIsRefusedFromItsHeaderAlone() throws Exception {
        // A valid PNG header claiming 100000×100000 pixels and no pixel data at all.
        Path file = tmp.resolve("huge.png");
        Files.write(file, pngHeaderOnly(100_000, 100_000));
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(file));
        assertEquals(file + " is 100000×100000 pixels; predict reads images of up to 50 million pixels, so scale it down first",
                e.getMessage());
    }

    @Test
    void emptyFileIsNamed() throws Exception {
        Path file = Files.createFile(tmp.resolve("empty.png"));
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(file));
        assertEquals(file + " is empty; give a PNG or JPEG picture of a digit", e.getMessage());
    }

    @Test
    void textFileIsNotAnImage() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.png"), "this is not a picture");
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(file));
        assertTrue(e.getMessage().contains("is not an image this program can read"), e.getMessage());
    }

    @Test
    void truncatedPngSaysItIsDamaged() throws Exception {
        Path whole = writePng(tmp.resolve("whole.png"), drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(cut));
        assertTrue(e.getMessage().contains("could not be decoded as PNG"), e.getMessage());
    }

    @Test
    void truncatedJpegSaysItIsDamagedInsteadOfGuessing() throws Exception {
        // The JPEG decoder fills a cut-short image with grey and only warns; that must not be classified.
        Path whole = tmp.resolve("whole.jpg");
        assertTrue(ImageIO.write(drawSeven(140, 140, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "jpg",
                whole.toFile()));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(cut));
        assertTrue(e.getMessage().startsWith(cut + " could not be decoded as JPEG") && e.getMessage().contains("cut short"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        assertThrows(NoSuchFileException.class, () -> DigitImage.load(tmp.resolve("nope.png")));
    }

    @Test
    void blankImageHasNoDigit() throws Exception {
        BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        Path file = writePng(tmp.resolve("white.png"), white);
        IOException e = assertThrows(IOException.class, () -> DigitImage.load(file));
        assertTrue(e.getMessage().contains("shows no digit"), e.getMessage());
    }

    @Test
    void mnistDigitsSurviveARoundTripThroughAScanLikeImage() throws Exception {
        Path mnist = TestData.mnist();
        int count = 20;
        int[][] originals = testImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), count);
        int[][] again = new int[count][];
        for (int i = 0; i < count; i++) {
            again[i] = DigitImage.load(writePng(tmp.resolve(i + ".png"), asScan(originals[i])));
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double own = correlation(originals[i], again[i]);
            sum += own;
            // MNIST's own framing differs by up to a pixel from any re-implementation, hence the blur.
            assertTrue(own > 0.7, "image " + i + ": correlation " + own + "\n" + ascii(originals[i]) + "\n" + ascii(again[i]));
        }
        assertTrue(sum / count > 0.85, "mean correlation " + sum / count);
    }

    /** The digit blown up 5×, dark ink on white paper with an uneven margin, as a scan would look. */
    private static BufferedImage asScan(int[] digit) {
        BufferedImage photo = new BufferedImage(28 * 5 + 100, 28 * 5 + 60, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = photo.getRaster();
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                boolean inside = x >= 50 && y >= 30 && x < 50 + 140 && y < 30 + 140;
                raster.setSample(x, y, 0, 255 - (inside ? digit[(y - 30) / 5 * 28 + (x - 50) / 5] : 0));
            }
        }
        return photo;
    }

    static String ascii(int[] pixels) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = pixels[y * 28 + x];
                s.append(v == 0 ? '.' : v < 128 ? '+' : '#');
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void assertFrames(int[] pixels) {
        int[] rows = inkRows(pixels);
        int[] cols = inkCols(pixels);
        assertEquals(20, Math.max(rows[1] - rows[0] + 1, cols[1] - cols[0] + 1), "the larger side fills the box");
        double[] centre = centreOfMass(pixels);
        assertEquals(14, centre[0], 1.0);
        assertEquals(14, centre[1], 1.0);
    }

    private static int[] inkRows(int[] pixels) {
        int first = -1, last = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (pixels[y * 28 + x] > 0) {
                    first = first < 0 ? y : first;
                    last = y;
                }
            }
        }
        return new int[] {first, last};
    }

    private static int[] inkCols(int[] pixels) {
        int first = 28, last = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (pixels[y * 28 + x] > 0) {
                    first = Math.min(first, x);
                    last = Math.max(last, x);
                }
            }
        }
        return new int[] {first, last};
    }

    private static double[] centreOfMass(int[] pixels) {
        double mass = 0, x = 0, y = 0;
        for (int i = 0; i < pixels.length; i++) {
            mass += pixels[i];
            x += pixels[i] * (i % 28 + 0.5);
            y += pixels[i] * (i / 28 + 0.5);
        }
        return new double[] {x / mass, y / mass};
    }

    private static int maxDifference(int[] a, int[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Correlation after a 3×3 box blur, so a one-pixel shift of a thin stroke doesn't count as different. */
    private static double correlation(int[] a, int[] b) {
        return rawCorrelation(blur(a), blur(b));
    }

    private static int[] blur(int[] pixels) {
        int[] out = new int[pixels.length];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (y + dy >= 0 && y + dy < 28 && x + dx >= 0 && x + dx < 28) {
                            out[y * 28 + x] += pixels[(y + dy) * 28 + x + dx];
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double rawCorrelation(int[] a, int[] b) {
        double ma = Arrays.stream(a).average().orElse(0), mb = Arrays.stream(b).average().orElse(0);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static int[][] testImages(Path gz, int count) throws IOException {
        try (InputStream raw = Files.newInputStream(gz); DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            assertEquals(0x803, in.readInt());
            in.readInt();
            in.readInt();
            in.readInt();
            int[][] images = new int[count][784];
            for (int[] pixels : images) {
                for (int i = 0; i < 784; i++) {
                    pixels[i] = in.readUnsignedByte();
                }
            }
            return images;
        }
    }

    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grayscale, deflate, no filter, no interlace
        byte[] body = chunk.toByteArray();
        out.writeInt(body.length - 4);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
