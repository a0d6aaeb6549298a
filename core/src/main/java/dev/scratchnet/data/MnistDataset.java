package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads MNIST, or anything in the same layout such as Fashion-MNIST, from a folder holding the four
 * standard files, each plain or gzip-compressed ({@code .gz}):
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}. If both a plain and a {@code .gz} copy exist, the plain one
 * is read.
 *
 * <p>For other class counts, and for class names and the image geometry, use {@link IdxFolder}.
 *
 * <p>The result is a classification {@link Dataset} with 10 classes: one input row of rows × columns
 * normalized pixels per image (784 for 28×28) and a one-hot target row per label. Images of any
 * size are accepted; the size is logged. Bytes are decoded to floats in one pass through a
 * 256-entry table.
 */
public final class MnistDataset {
    /** MNIST and Fashion-MNIST both have ten classes, labelled 0 to 9. */
    public static final int CLASSES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MnistDataset.class);

    /** Which half of the data set to load. */
    public enum Split {
        /** The training set: {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}. */
        TRAIN("train"),
        /** The test set: {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /** @return the image file name without {@code .gz}, for example {@code train-images-idx3-ubyte} */
        public String imagesFileName() {
            return prefix + "-images-idx3-ubyte";
        }

        /** @return the label file name without {@code .gz}, for example {@code train-labels-idx1-ubyte} */
        public String labelsFileName() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    private MnistDataset() {
    }

    /**
     * Loads one split with pixels scaled to [0, 1] ({@link Normalization#UNIT}).
     *
     * @param dir   folder with the four MNIST files
     * @param split which half to load
     * @return a classification dataset with 10 classes
     * @throws FileNotFoundException if the folder or a file is missing; the message says how to get them
     * @throws IdxFormatException    if a file is damaged, or the image and label files do not match
     * @throws IOException           if a file cannot be read
     */
    public static Dataset load(Path dir, Split split) throws IOException {
        return load(dir, split, Normalization.UNIT);
    }

    /**
     * Loads one split.
     *
     * @param dir           folder with the four MNIST files
     * @param split         which half to load
     * @param normalization how pixel bytes become inputs
     * @return a classification dataset with 10 classes
     * @throws FileNotFoundException if the folder or a file is missing; the message says how to get them
     * @throws IdxFormatException    if a file is damaged, or the image and label files do not match
     * @throws IOException           if a file cannot be read
     */
    public static Dataset load(Path dir, Split split, Normalization normalization) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(normalization, "normalization");
        long startNanos = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("MNIST folder " + dir + " does not exist; run ./scratchnet download"
                    + " --data " + dir + " or create it and copy the four MNIST files " + expectedNames()
                    + " there by hand.");
        }
        IdxFile images = IdxReader.read(find(dir, split.imagesFileName()));
        IdxFile labels = IdxReader.read(find(dir, split.labelsFileName()));
        Dataset dataset = fromIdx(images, labels, normalization);
        int[] shape = images.dimensions();
        LOG.debug(String.format(Locale.ROOT, "Loaded %s %s: %d images of %d×%d pixels in %.2f s", dir,
                split.name().toLowerCase(Locale.ROOT), shape[0], shape[1], shape[2],
                (System.nanoTime() - startNanos) / 1e9));
        return dataset;
    }

    /** The plain file if present, else the .gz one, else a message that says how to get the files. */
    static Path find(Path dir, String name) throws FileNotFoundException {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzip = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gzip)) {
            return gzip;
        }
        throw new FileNotFoundException("MNIST folder " + dir + " has no " + name + " (or " + name + ".gz); it needs "
                + expectedNames() + ", each plain or .gz: run ./scratchnet download --data " + dir
                + " or copy the four MNIST files there by hand.");
    }

    private static String expectedNames() {
        return Split.TRAIN.imagesFileName() + ", " + Split.TRAIN.labelsFileName() + ", "
                + Split.TEST.imagesFileName() + " and " + Split.TEST.labelsFileName();
    }

    /**
     * Checks that an image file and a label file form a dataset, and decodes them.
     */
    static Dataset fromIdx(IdxFile images, IdxFile labels, Normalization normalization) throws IdxFormatException {
        return fromIdx(images, labels, normalization, CLASSES);
    }

    /**
     * Checks that an image file and a label file form a dataset with {@code classes} classes, and
     * decodes them.
     */
    static Dataset fromIdx(IdxFile images, IdxFile labels, Normalization normalization, int classes)
            throws IdxFormatException {
        int[] shape = images.dimensions();
        if (shape.length != 3) {
            throw new IdxFormatException("MNIST image file " + images.source() + " has shape " + images.shape()
                    + ", but an image file has 3 dimensions (count × rows × columns); check that it is the images"
                    + " file and re-download it.");
        }
        if (labels.dimensions().length != 1) {
            throw new IdxFormatException("MNIST label file " + labels.source() + " has shape " + labels.shape()
                    + ", but a label file has 1 dimension (count); check that it is the labels file and"
                    + " re-download it.");
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException("MNIST image file " + images.source() + " holds " + images.count()
                    + " images but label file " + labels.source() + " holds " + labels.count()
                    + " labels; both must come from the same download, so re-download both.");
        }
        int count = images.count();
        byte[] labelBytes = labels.data();
        int[] classOf = new int[count];
        for (int i = 0; i < count; i++) {
            classOf[i] = labelBytes[i] & 0xFF;
            if (classOf[i] >= classes) {
                throw new IdxFormatException("MNIST label file " + labels.source() + " has label " + classOf[i]
                        + " at index " + i + ", outside 0.." + (classes - 1) + "; re-download it.");
            }
        }
        Tensor inputs = Tensor.wrap(count, images.itemSize(), decode(images.data(), normalization));
        return new Dataset(inputs, Dataset.oneHot(classOf, classes), classOf, classes);
    }

    /** Unsigned bytes to normalized floats in one pass: a table lookup per pixel. */
    private static float[] decode(byte[] pixels, Normalization normalization) {
        float[] table = normalization.table();
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = table[pixels[i] & 0xFF];
        }
        return values;
    }
}
