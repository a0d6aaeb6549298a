package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.data.ImageOptions.Color;
import dev.scratchnet.testing.TestData;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    /** A grayscale picture whose pixel (y, x) is {@code pixels[y][x]}, written in {@code format}. */
    private Path gray(String path, String format, int[][] pixels) throws IOException {
        BufferedImage image = new BufferedImage(pixels[0].length, pixels.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < pixels.length; y++) {
            for (int x = 0; x < pixels[0].length; x++) {
                image.getRaster().setSample(x, y, 0, pixels[y][x]);
            }
        }
        return write(path, format, image);
    }

    /** An RGB picture whose pixel (y, x) is {@code rgb[y][x]} (0xRRGGBB). */
    private Path rgb(String path, String format, int[][] rgb) throws IOException {
        BufferedImage image = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                image.setRGB(x, y, rgb[y][x]);
            }
        }
        return write(path, format, image);
    }

    private Path write(String path, String format, BufferedImage image) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private static void rejects(Class<? extends Exception> type, Executable call, String... hints) {
        Exception e = assertThrows(type, call);
        for (String hint : hints) {
            assertTrue(e.getMessage().contains(hint), () -> "message lacks \"" + hint + "\": " + e.getMessage());
        }
    }

    private static float[] unit(int... bytes) {
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] * (1f / 255f);
        }
        return values;
    }

    @Test
    void sortedClassFoldersBecomeClassesAndPixelsBecomeUnitValues() throws IOException {
        gray("pets/dog/b.png", "png", new int[][] {{0, 255}, {10, 20}});
        gray("pets/dog/a.png", "png", new int[][] {{1, 2}, {3, 4}});
        gray("pets/cat/nested/x.bmp", "bmp", new int[][] {{50, 60}, {70, 80}});
        Files.writeString(dir.resolve("pets/cat/notes.txt"), "not a picture");
        gray("pets/cat/.thumbs/t.png", "png", new int[][] {{9, 9}, {9, 9}});
        Files.createDirectories(dir.resolve("pets/.git"));
        LabelledData data = ImageFolderDataset.load(dir.resolve("pets"), null, ImageOptions.DEFAULTS);
        assertEquals(List.of("cat", "dog"), data.info().classNames());
        assertEquals(new ImageGeometry(1, 2, 2), data.info().image());
        assertEquals("pets", data.info().name());
        assertEquals(Preprocessing.PIXELS, data.info().preprocessing());
        assertArrayEquals(new int[] {0, 1, 1}, data.train().labels());
        float[] expected = new float[12];
        System.arraycopy(unit(50, 60, 70, 80), 0, expected, 0, 4);
        System.arraycopy(unit(1, 2, 3, 4), 0, expected, 4, 4); // a.png before b.png
        System.arraycopy(unit(0, 255, 10, 20), 0, expected, 8, 4);
        assertArrayEquals(expected, data.train().inputs().data());
    }

    @Test
    void rgbPicturesGiveChannelMajorPlanesOrTheirLuma() throws IOException {
        int[][] pixels = {{0xFF0000, 0x00FF00, 0x0000FF}};
        rgb("set/a/1.png", "png", pixels);
        rgb("set/b/1.gif", "gif", pixels);
        LabelledData colour = ImageFolderDataset.load(dir.resolve("set"), null,
                ImageOptions.DEFAULTS.withColor(Color.RGB));
        assertEquals(new ImageGeometry(3, 1, 3), colour.info().image());
        float[] planes = {1, 0, 0, 0, 1, 0, 0, 0, 1}; // red plane, green plane, blue plane
        assertArrayEquals(planes, Arrays.copyOfRange(colour.train().inputs().data(), 0, 9));
        assertArrayEquals(planes, Arrays.copyOfRange(colour.train().inputs().data(), 9, 18), "the GIF too");
        LabelledData luma = ImageFolderDataset.load(dir.resolve("set"), null, ImageOptions.DEFAULTS);
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f}, Arrays.copyOfRange(luma.train().inputs().data(), 0, 3),
                1e-6f);
    }

    @Test
    void aGivenSizeResizesByAreaWhenShrinkingAndBilinearlyWhenGrowing() throws IOException {
        gray("r/small/a.png", "png", new int[][] {{0, 255}, {255, 255}});
        gray("r/big/a.png", "png", new int[][] {
            {0, 0, 100, 100}, {0, 0, 100, 100}, {40, 40, 200, 200}, {40, 40, 200, 200}});
        LabelledData shrunk = ImageFolderDataset.load(dir.resolve("r"), null, ImageOptions.DEFAULTS.withSize(2, 2));
        assertArrayEquals(unit(0, 100, 40, 200), Arrays.copyOfRange(shrunk.train().inputs().data(), 0, 4), 1e-6f);
        LabelledData grown = ImageFolderDataset.load(dir.resolve("r"), null, ImageOptions.DEFAULTS.withSize(1, 4));
        // Height 2 → 1 averages the rows (0 and 255 → 127.5; 255 and 255 → 255); width 2 → 4 samples
        // x = -0.25, 0.25, 0.75, 1.25, clamped to the edges.
        float a = 127.5f / 255f;
        float b = 1f;
        assertArrayEquals(new float[] {a, 0.75f * a + 0.25f * b, 0.25f * a + 0.75f * b, b},
                Arrays.copyOfRange(grown.train().inputs().data(), 4, 8), 1e-6f);
    }

    @Test
    void jpegPicturesAreRead() throws IOException {
        gray("j/a/x.jpg", "jpg", new int[][] {{200, 200}, {200, 200}});
        gray("j/b/x.JPEG", "jpg", new int[][] {{20, 20}, {20, 20}});
        LabelledData data = ImageFolderDataset.load(dir.resolve("j"), null, ImageOptions.DEFAULTS);
        assertEquals(200f / 255f, data.train().inputs().get(0, 0), 3f / 255f); // lossy, but a flat block survives
        assertEquals(20f / 255f, data.train().inputs().get(1, 3), 3f / 255f);
    }

    @Test
    void mixedSizesWithoutAGivenSizeNameThePicture() throws IOException {
        gray("m/a/1.png", "png", new int[][] {{1, 2}});
        Path odd = gray("m/b/1.png", "png", new int[][] {{1}, {2}});
        rejects(DataFormatException.class, () -> ImageFolderDataset.load(dir.resolve("m"), null, ImageOptions.DEFAULTS),
                "Picture " + odd, "is 2×1 pixels", "is 1×2", "give an image size");
        assertEquals(2, ImageFolderDataset.load(dir.resolve("m"), null, ImageOptions.DEFAULTS.withSize(3, 3))
                .train().size());
    }

    @Test
    void emptyOrMissingClassFoldersAreRejected() throws IOException {
        rejects(FileNotFoundException.class,
                () -> ImageFolderDataset.load(dir.resolve("none"), null, ImageOptions.DEFAULTS), "does not exist");
        gray("flat/a.png", "png", new int[][] {{1}});
        rejects(DataFormatException.class,
                () -> ImageFolderDataset.load(dir.resolve("flat"), null, ImageOptions.DEFAULTS), "has no class folders");
        gray("e/a/1.png", "png", new int[][] {{1}});
        Files.createDirectories(dir.resolve("e/b"));
        Files.writeString(dir.resolve("e/b/readme.txt"), "x");
        rejects(DataFormatException.class,
                () -> ImageFolderDataset.load(dir.resolve("e"), null, ImageOptions.DEFAULTS),
                "Class folder " + dir.resolve("e/b") + " has no pictures");
    }

    @Test
    void truncatedOrForeignPicturesAreErrorsNamingThePicture() throws IOException {
        gray("t/a/ok.png", "png", new int[][] {{1}});
        int[][] noise = new int[64][64];
        SplittableRandom random = new SplittableRandom(1);
        for (int[] row : noise) {
            Arrays.setAll(row, x -> random.nextInt(256));
        }
        Path jpeg = gray("t/b/cut.jpg", "jpg", noise);
        byte[] bytes = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(bytes, bytes.length / 2));
        ImageOptions options = ImageOptions.DEFAULTS.withSize(1, 1);
        rejects(DataFormatException.class, () -> ImageFolderDataset.load(dir.resolve("t"), null, options),
                "Picture " + jpeg, "damaged");
        Files.delete(jpeg);
        Path png = gray("t/b/cut.png", "png", noise);
        bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        rejects(DataFormatException.class, () -> ImageFolderDataset.load(dir.resolve("t"), null, options),
                "Picture " + png, "replace or delete it");
        Files.delete(png);
        for (String format : List.of("gif", "bmp")) {
            Path picture = rgb("t/b/cut." + format, format, new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
            byte[] whole = Files.readAllBytes(picture);
            Files.write(picture, Arrays.copyOf(whole, whole.length / 2));
            rejects(DataFormatException.class, () -> ImageFolderDataset.load(dir.resolve("t"), null, options),
                    "Picture " + picture, "cannot be decoded");
            Files.delete(picture);
        }
        png = dir.resolve("t/b/cut.png");
        Files.writeString(png, "label,x\n1,2\n");
        rejects(DataFormatException.class, () -> ImageFolderDataset.load(dir.resolve("t"), null, options),
                "Picture " + png, "is not a picture that ImageIO can read");
    }

    @Test
    void aTestFolderUsesTheTrainingClassesAndSize() throws IOException {
        gray("train/a/1.png", "png", new int[][] {{10, 20}});
        gray("train/b/1.png", "png", new int[][] {{30, 40}});
        gray("test/b/1.png", "png", new int[][] {{50, 60}});
        LabelledData data = ImageFolderDataset.load(dir.resolve("train"), dir.resolve("test"), ImageOptions.DEFAULTS);
        assertArrayEquals(new int[] {1}, data.test().labels());
        assertArrayEquals(unit(50, 60), data.test().inputs().data());
        gray("test/c/1.png", "png", new int[][] {{50, 60}});
        rejects(DataFormatException.class,
                () -> ImageFolderDataset.load(dir.resolve("train"), dir.resolve("test"), ImageOptions.DEFAULTS),
                "Class folder " + dir.resolve("test/c"), "not one of the 2 classes of the training data");
        Files.delete(dir.resolve("test/c/1.png"));
        Files.delete(dir.resolve("test/c"));
        gray("test/a/1.png", "png", new int[][] {{1}, {2}});
        rejects(DataFormatException.class,
                () -> ImageFolderDataset.load(dir.resolve("train"), dir.resolve("test"), ImageOptions.DEFAULTS),
                "but the training pictures are 1×2");
    }

    @Test
    void loadingForAModelResizesAndStandardizes() throws IOException {
        gray("train/a/1.png", "png", new int[][] {{0, 0}, {0, 0}});
        gray("train/b/1.png", "png", new int[][] {{255, 255}, {255, 255}});
        gray("eval/b/1.png", "png", new int[][] {{255, 255, 255}, {255, 255, 255}, {255, 255, 255}});
        LabelledData trained = ImageFolderDataset.load(dir.resolve("train"), null, ImageOptions.DEFAULTS)
                .standardized(Standardization.Mode.GLOBAL);
        Dataset eval = ImageFolderDataset.load(dir.resolve("eval"), trained.info());
        assertArrayEquals(new float[] {1, 1, 1, 1}, eval.inputs().data(), 1e-6f); // (1 − 0.5) / 0.5
        float[] one = ImageFolderDataset.readPicture(dir.resolve("eval/b/1.png"), trained.info().image());
        assertArrayEquals(new float[] {1, 1, 1, 1}, one, 1e-6f);
    }

    // ---- real data: MNIST digits saved as PNG load to exactly the IDX inputs ----

    @Test
    void mnistDigitsSavedAsPngLoadToTheIdxInputs() throws IOException {
        LabelledData idx = IdxFolder.load(TestData.mnist());
        Dataset test = idx.test().slice(0, 300);
        float[] x = test.inputs().data();
        for (int i = 0; i < test.size(); i++) {
            int[][] pixels = new int[28][28];
            for (int p = 0; p < 784; p++) {
                pixels[p / 28][p % 28] = Math.round(x[i * 784 + p] * 255f);
            }
            gray(String.format("digits/%d/%04d.png", test.labels()[i], i), "png", pixels);
        }
        LabelledData png = ImageFolderDataset.load(dir.resolve("digits"), null, ImageOptions.DEFAULTS);
        assertEquals(idx.info().classNames(), png.info().classNames());
        assertEquals(idx.info().image(), png.info().image());
        // The folder groups the digits by class; compare each picture with its IDX row.
        int row = 0;
        for (int digit = 0; digit < 10; digit++) {
            for (int i = 0; i < test.size(); i++) {
                if (test.labels()[i] == digit) {
                    assertArrayEquals(Arrays.copyOfRange(x, i * 784, (i + 1) * 784),
                            Arrays.copyOfRange(png.train().inputs().data(), row * 784, (row + 1) * 784));
                    assertEquals(digit, png.train().labels()[row++]);
                }
            }
        }
    }
}
