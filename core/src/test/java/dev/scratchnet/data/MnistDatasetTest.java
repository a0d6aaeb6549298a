package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.data.MnistDataset.Split;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
    @TempDir
    Path dir;

    /** Writes a split of {@code labels.length} images of rows × cols; pixel j of image i is (i + j) mod 256. */
    private void writeSplit(Split split, int rows, int cols, byte[] labels, boolean gzip) throws IOException {
        byte[] pixels = new byte[labels.length * rows * cols];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < rows * cols; j++) {
                pixels[i * rows * cols + j] = (byte) (i + j);
            }
        }
        write(split.imagesFileName(), IdxBytes.idx(0x08, new int[] {labels.length, rows, cols}, pixels), gzip);
        write(split.labelsFileName(), IdxBytes.idx(0x08, new int[] {labels.length}, labels), gzip);
    }

    private void write(String name, byte[] content, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? IdxBytes.gzip(content) : content);
    }

    private static <T extends Exception> T rejects(Class<T> type, Executable call, String... hints) {
        T e = assertThrows(type, call);
        for (String hint : hints) {
            assertTrue(e.getMessage().contains(hint), () -> "message lacks \"" + hint + "\": " + e.getMessage());
        }
        return e;
    }

    @Test
    void loadsPlainAndGzippedSplits() throws IOException {
        writeSplit(Split.TRAIN, 2, 3, new byte[] {5, 0, 9}, true);
        writeSplit(Split.TEST, 2, 3, new byte[] {7, 2}, false);
        Dataset train = MnistDataset.load(dir, Split.TRAIN);
        assertEquals(3, train.size());
        assertEquals(6, train.inputSize());
        assertEquals(10, train.outputSize());
        assertEquals(10, train.classes());
        assertArrayEquals(new int[] {5, 0, 9}, train.labels());
        assertEquals(1f, train.targets().get(2, 9));
        assertEquals(0f, train.targets().get(2, 5));
        assertEquals(3f / 255f, train.inputs().get(1, 2), 1e-7f); // image 1, pixel 2
        Dataset test = MnistDataset.load(dir, Split.TEST, Normalization.RAW);
        assertArrayEquals(new int[] {7, 2}, test.labels());
        assertEquals(6f, test.inputs().get(1, 5));
    }

    @Test
    void acceptsOtherImageSizes() throws IOException {
        writeSplit(Split.TRAIN, 5, 7, new byte[] {1, 2}, false);
        assertEquals(35, MnistDataset.load(dir, Split.TRAIN).inputSize());
    }

    @Test
    void prefersThePlainFileWhenBothExist() throws IOException {
        writeSplit(Split.TEST, 1, 1, new byte[] {3}, false);
        write(Split.TEST.labelsFileName(), IdxBytes.idx(0x08, new int[] {1}, new byte[] {4}), true);
        assertArrayEquals(new int[] {3}, MnistDataset.load(dir, Split.TEST).labels());
    }

    @Test
    void missingFileSaysWhereAndHowToGetIt() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {1}, false);
        Files.delete(dir.resolve(Split.TRAIN.labelsFileName()));
        rejects(FileNotFoundException.class, () -> MnistDataset.load(dir, Split.TRAIN),
                dir.toString(), "has no train-labels-idx1-ubyte (or train-labels-idx1-ubyte.gz)",
                "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte",
                "./scratchnet download --data", "copy the four MNIST files there by hand");
        rejects(FileNotFoundException.class, () -> MnistDataset.load(dir.resolve("absent"), Split.TEST),
                "absent does not exist", "./scratchnet download --data");
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {1, 2, 3}, false);
        write(Split.TRAIN.labelsFileName(), IdxBytes.idx(0x08, new int[] {2}, new byte[] {1, 2}), false);
        rejects(IdxFormatException.class, () -> MnistDataset.load(dir, Split.TRAIN),
                "holds 3 images but label file", "holds 2 labels", "re-download both");
    }

    @Test
    void labelsAboveNineAreRejected() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {1, 10, 3}, true);
        rejects(IdxFormatException.class, () -> MnistDataset.load(dir, Split.TRAIN),
                "label 10 at index 1, outside 0..9");
        writeSplit(Split.TEST, 2, 2, new byte[] {(byte) 255}, false);
        rejects(IdxFormatException.class, () -> MnistDataset.load(dir, Split.TEST), "label 255 at index 0");
    }

    @Test
    void swappedFilesAreRecognized() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {1, 2}, false);
        Path images = dir.resolve(Split.TRAIN.imagesFileName());
        Path labels = dir.resolve(Split.TRAIN.labelsFileName());
        Path temp = dir.resolve("swap");
        Files.move(images, temp);
        Files.move(labels, images);
        Files.move(temp, labels);
        rejects(IdxFormatException.class, () -> MnistDataset.load(dir, Split.TRAIN),
                "has shape 2, but an image file has 3 dimensions");
    }

    @Test
    void damagedFileNamesTheFile() throws IOException {
        writeSplit(Split.TEST, 2, 2, new byte[] {1, 2}, false);
        Path images = dir.resolve(Split.TEST.imagesFileName());
        byte[] content = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(content, content.length - 1));
        rejects(IdxFormatException.class, () -> MnistDataset.load(dir, Split.TEST), images.toString(), "truncated");
    }

    // ---- real data, from the folder in -Dscratchnet.mnist ----

    private static final int[] MNIST_TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final int[] MNIST_TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    /** The real MNIST folder; skips the test when it is not configured, except on CI where that is an error. */
    static Path realMnistDir() {
        String setting = System.getProperty("scratchnet.mnist", "");
        if (setting.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but -Dscratchnet.mnist is not set; pass the folder with the four MNIST files.");
            }
            Assumptions.abort("set -Dscratchnet.mnist=DIR to run the tests on the real MNIST files");
        }
        return Path.of(setting);
    }

    @Test
    void realMnistHasTheKnownCountsShapesAndHistograms() throws IOException {
        Path mnist = realMnistDir();
        Dataset train = MnistDataset.load(mnist, Split.TRAIN);
        Dataset test = MnistDataset.load(mnist, Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28 * 28, train.inputSize());
        assertEquals(28 * 28, test.inputSize());
        assertArrayEquals(MNIST_TRAIN_COUNTS, train.classCounts());
        assertArrayEquals(MNIST_TEST_COUNTS, test.classCounts());
        assertEquals(5, train.labels()[0]); // the well-known first training digit
        assertEquals(7, test.labels()[0]);
        assertPixelsSpanTheUnitInterval(train);
        IdxFile raw = IdxReader.read(mnist.resolve("train-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {60_000, 28, 28}, raw.dimensions());
    }

    @Test
    void realFashionMnistHasBalancedClasses() throws IOException {
        Path fashion = realMnistDir().toAbsolutePath().resolveSibling("fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(fashion), "no fashion-mnist folder next to the MNIST folder");
        Dataset train = MnistDataset.load(fashion, Split.TRAIN);
        Dataset test = MnistDataset.load(fashion, Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28 * 28, train.inputSize());
        int[] sixThousand = new int[10];
        int[] oneThousand = new int[10];
        java.util.Arrays.fill(sixThousand, 6000);
        java.util.Arrays.fill(oneThousand, 1000);
        assertArrayEquals(sixThousand, train.classCounts());
        assertArrayEquals(oneThousand, test.classCounts());
        assertPixelsSpanTheUnitInterval(test);
    }

    private static void assertPixelsSpanTheUnitInterval(Dataset data) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : data.inputs().data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max, 1e-6f);
    }
}
