package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.data.MnistDataset.Split;
import dev.scratchnet.testing.TestData;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxFolderTest {
    @TempDir
    Path dir;

    /** Writes a split of {@code labels.length} images of height × width; pixel j of image i is (i + j) mod 256. */
    private void writeSplit(Split split, int height, int width, byte[] labels, boolean gzip) throws IOException {
        byte[] pixels = new byte[labels.length * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / (height * width) + i % (height * width));
        }
        write(split.imagesFileName(), IdxBytes.idx(0x08, new int[] {labels.length, height, width}, pixels), gzip);
        write(split.labelsFileName(), IdxBytes.idx(0x08, new int[] {labels.length}, labels), gzip);
    }

    private void write(String name, byte[] content, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? IdxBytes.gzip(content) : content);
    }

    private static <T extends Exception> void rejects(Class<T> type, Executable call, String... hints) {
        T e = assertThrows(type, call);
        for (String hint : hints) {
            assertTrue(e.getMessage().contains(hint), () -> "message lacks \"" + hint + "\": " + e.getMessage());
        }
    }

    @Test
    void loadsAnyImageSizeAndClassCountAndReportsTheGeometry() throws IOException {
        writeSplit(Split.TRAIN, 20, 32, new byte[] {11, 0, 3}, true);
        writeSplit(Split.TEST, 20, 32, new byte[] {7, 2}, false);
        LabelledData data = IdxFolder.load(dir);
        DatasetInfo info = data.info();
        assertEquals(new ImageGeometry(1, 20, 32), info.image());
        assertEquals(640, info.inputSize());
        assertEquals(IdxFolder.numbers(12), info.classNames(), "names are the labels 0 .. the largest one");
        assertEquals(dir.getFileName().toString(), info.name());
        assertEquals(Preprocessing.PIXELS, info.preprocessing());
        assertArrayEquals(new int[] {11, 0, 3}, data.train().labels());
        assertEquals(12, data.train().outputSize());
        assertEquals(12, data.test().classes());
        assertEquals(5f / 255f, data.train().inputs().get(1, 4), "image 1, pixel 4 is 1 + 4");
    }

    @Test
    void classesTxtNamesTheClasses() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {0, 1, 2}, false);
        writeSplit(Split.TEST, 2, 2, new byte[] {2}, false);
        Files.writeString(dir.resolve(IdxFolder.CLASS_NAMES_FILE), "\uFEFFcat\n dog \nhorse\nbird\n\n");
        DatasetInfo info = IdxFolder.load(dir).info();
        assertEquals(List.of("cat", "dog", "horse", "bird"), info.classNames());
        assertEquals(4, info.classes(), "a class without examples still has an output");
    }

    @Test
    void classesTxtMustNameEveryLabel() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {0, 1, 2}, false);
        writeSplit(Split.TEST, 2, 2, new byte[] {2}, false);
        Path names = dir.resolve(IdxFolder.CLASS_NAMES_FILE);
        Files.writeString(names, "cat\ndog\n");
        rejects(DataFormatException.class, () -> IdxFolder.load(dir), names.toString(), "names 2 classes",
                "label 2");
        Files.writeString(names, "cat\n\ndog\nhorse\n");
        rejects(DataFormatException.class, () -> IdxFolder.load(dir), names.toString(), "line 2 is blank");
        Files.writeString(names, "cat\ndog\ncat\n");
        rejects(DataFormatException.class, () -> IdxFolder.load(dir), "line 3 repeats \"cat\" from line 1");
    }

    @Test
    void splitsWithDifferentImageSizesAreRejected() throws IOException {
        writeSplit(Split.TRAIN, 28, 28, new byte[] {0, 1}, false);
        writeSplit(Split.TEST, 32, 32, new byte[] {0, 1}, true);
        rejects(IdxFormatException.class, () -> IdxFolder.load(dir), "32×32", "28×28",
                dir.resolve("t10k-images-idx3-ubyte.gz").toString());
    }

    @Test
    void aMissingFolderOrFileSaysWhatIsNeeded() throws IOException {
        rejects(FileNotFoundException.class, () -> IdxFolder.load(dir.resolve("nope")), "does not exist",
                "train-images-idx3-ubyte");
        writeSplit(Split.TRAIN, 2, 2, new byte[] {0, 1}, false);
        write(Split.TEST.labelsFileName(), IdxBytes.idx(0x08, new int[] {1}, new byte[] {1}), false);
        rejects(FileNotFoundException.class, () -> IdxFolder.load(dir), "t10k-images-idx3-ubyte");
    }

    @Test
    void aFolderWithoutTestFilesHasNoTestSet() throws IOException {
        writeSplit(Split.TRAIN, 3, 3, new byte[] {0, 1, 1, 0}, true);
        LabelledData data = IdxFolder.load(dir);
        assertNull(data.test());
        assertEquals(4, data.train().size());
        assertEquals(2, data.withHeldOutTest(0.5, new java.util.SplittableRandom(1), true).test().size());
    }

    @Test
    void loadSplitPreparesDataAsTheModelWasTrained() throws IOException {
        writeSplit(Split.TRAIN, 2, 2, new byte[] {0, 1, 2, 1}, false);
        writeSplit(Split.TEST, 2, 2, new byte[] {1, 2}, false);
        LabelledData trained = IdxFolder.load(dir).standardized(Standardization.Mode.GLOBAL);
        Dataset test = IdxFolder.loadSplit(dir, Split.TEST, trained.info());
        assertArrayEquals(trained.test().inputs().data(), test.inputs().data());
        assertArrayEquals(new int[] {1, 2}, test.labels());

        DatasetInfo twoClasses = new DatasetInfo("x", List.of("a", "b"), 4, new ImageGeometry(1, 2, 2),
                Preprocessing.PIXELS);
        rejects(IdxFormatException.class, () -> IdxFolder.loadSplit(dir, Split.TEST, twoClasses), "has label 2",
                "only 2 classes");
        DatasetInfo bigger = new DatasetInfo("x", List.of("a", "b", "c"), 9, new ImageGeometry(1, 3, 3),
                Preprocessing.PIXELS);
        rejects(IdxFormatException.class, () -> IdxFolder.loadSplit(dir, Split.TEST, bigger), "1×2×2", "1×3×3");
    }

    // ---- real data ----

    @Test
    void realMnistIsRecognisedAndMatchesTheMnistLoader() throws IOException {
        Path mnist = TestData.mnist();
        LabelledData data = IdxFolder.load(mnist);
        assertEquals("MNIST", data.info().name());
        assertEquals(IdxFolder.numbers(10), data.info().classNames());
        assertEquals(new ImageGeometry(1, 28, 28), data.info().image());
        Dataset test = MnistDataset.load(mnist, Split.TEST);
        assertArrayEquals(test.inputs().data(), data.test().inputs().data());
        assertArrayEquals(test.labels(), data.test().labels());
    }

    @Test
    void realFashionMnistIsRecognisedWithItsClassNames() throws IOException {
        LabelledData data = IdxFolder.load(TestData.fashionMnist());
        assertEquals("Fashion-MNIST", data.info().name());
        assertEquals(IdxFolder.FASHION_MNIST_CLASSES, data.info().classNames());
        assertEquals("Ankle boot", data.info().className(9));
        assertEquals(new ImageGeometry(1, 28, 28), data.info().image());
        assertEquals(60_000, data.train().size());
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, data.test().classCounts());
        assertEquals(9, data.train().labels()[0], "the first training image is an ankle boot");
    }
}
