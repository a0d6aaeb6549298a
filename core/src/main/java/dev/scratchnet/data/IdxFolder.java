package dev.scratchnet.data;

import dev.scratchnet.data.MnistDataset.Split;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Loads a folder in the MNIST layout, with any image size and any number of classes: MNIST,
 * Fashion-MNIST, KMNIST, EMNIST (renamed to the standard names), or your own export. The folder
 * holds the four standard files, each plain or {@code .gz}: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}.
 * Images are count × height × width unsigned bytes, one channel; both splits must have the same
 * height and width. Pixels become inputs as {@code byte / 255}. A folder without the two
 * {@code t10k} files has no test set (hold one out with {@link LabelledData#withHeldOutTest}).
 *
 * <p>Class names come from the first of these that applies:
 * <ol>
 *   <li>a file {@value #CLASS_NAMES_FILE} in the folder: UTF-8, one name per line in label order
 *       (line 1 names label 0), blank lines at the end ignored;</li>
 *   <li>a known data set, recognised by the SHA-256 of its decompressed label data (the bytes after
 *       the IDX header). The label sequence of 60,000 training images identifies a data set uniquely,
 *       does not depend on gzip headers or on whether the files are compressed, and costs a
 *       millisecond, where hashing the images would cost a second. Known are MNIST (names "0" … "9")
 *       and Fashion-MNIST ({@link #FASHION_MNIST_CLASSES});</li>
 *   <li>otherwise the label numbers themselves, "0" up to the largest label in either split.</li>
 * </ol>
 */
public final class IdxFolder {
    /** The optional file with one class name per line. */
    public static final String CLASS_NAMES_FILE = "classes.txt";

    /** Fashion-MNIST's classes, in label order (from its README). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** A data set recognised by the SHA-256 of the data in its training or test label file. */
    private record Known(String name, String trainLabelsSha256, String testLabelsSha256, List<String> classNames) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known("MNIST", "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
                    "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5", numbers(10)),
            new Known("Fashion-MNIST", "657fbd221bfc9f4198cc14b5619cc33ec57c58dd0e47af4d99d6650759e869a7",
                    "3d0e6c6ea990b53b6f8f500a41cac93881d981b315f84578b7d915342ade01e9", FASHION_MNIST_CLASSES));

    private IdxFolder() {
    }

    /**
     * Loads both splits and describes them.
     *
     * @param dir the folder with the four files
     * @return training and test set (none if the folder has no {@code t10k} files), with class names, geometry 1 × height × width and
     *         {@link Preprocessing#PIXELS}
     * @throws FileNotFoundException if the folder or a file is missing
     * @throws DataFormatException   if a file is damaged, the splits disagree in image size, or a label
     *                               has no name in {@value #CLASS_NAMES_FILE}
     * @throws IOException           if a file cannot be read
     */
    public static LabelledData load(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        checkFolder(dir);
        // Labels first (they are small and name the classes), then one split's images at a time, so the
        // raw bytes of a split are garbage before the next is read: a full MNIST load fits in 256 MB.
        IdxFile trainLabels = IdxReader.read(MnistDataset.find(dir, Split.TRAIN.labelsFileName()));
        boolean hasTest = hasSplit(dir, Split.TEST);
        IdxFile testLabels = hasTest ? IdxReader.read(MnistDataset.find(dir, Split.TEST.labelsFileName())) : null;
        int largest = Math.max(largestLabel(trainLabels), hasTest ? largestLabel(testLabels) : 0);
        Known known = recognise(trainLabels, testLabels);
        String name = known != null ? known.name() : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        List<String> classNames = classNames(dir, known, largest);
        Normalization pixels = new Normalization(Preprocessing.PIXELS.scale(), 0f);
        IdxFile trainImages = IdxReader.read(MnistDataset.find(dir, Split.TRAIN.imagesFileName()));
        ImageGeometry geometry = geometry(trainImages);
        Path trainSource = trainImages.source();
        Dataset train = MnistDataset.fromIdx(trainImages, trainLabels, pixels, classNames.size());
        trainImages = null; // its bytes are in train now; let them go before the test images arrive
        Dataset test = null;
        if (hasTest) {
            IdxFile testImages = IdxReader.read(MnistDataset.find(dir, Split.TEST.imagesFileName()));
            if (!geometry.equals(geometry(testImages))) {
                throw new IdxFormatException("IDX folder " + dir + " has test images of " + size(geometry(testImages))
                        + " pixels in " + testImages.source() + " but training images of " + size(geometry)
                        + " in " + trainSource + "; both splits must come from the same data set.");
            }
            test = MnistDataset.fromIdx(testImages, testLabels, pixels, classNames.size());
        }
        DatasetInfo info = new DatasetInfo(name, classNames, geometry.size(), geometry, Preprocessing.PIXELS);
        return new LabelledData(train, test, info);
    }

    /**
     * Loads one split prepared as a trained model expects it, for evaluation: same image size, labels
     * within its classes, and its preprocessing (scale, then standardization) applied.
     *
     * @param dir   the folder with the split's two files
     * @param split which split
     * @param info  the description the model was trained with; needs an image geometry of one channel
     * @return the prepared split, with {@code info.classes()} classes
     * @throws FileNotFoundException if the folder or a file is missing
     * @throws DataFormatException   if a file is damaged, or its images or labels do not fit {@code info}
     * @throws IOException           if a file cannot be read
     */
    public static Dataset loadSplit(Path dir, Split split, DatasetInfo info) throws IOException {
        Objects.requireNonNull(split, "split");
        checkFolder(dir);
        IdxFile images = IdxReader.read(MnistDataset.find(dir, split.imagesFileName()));
        IdxFile labels = IdxReader.read(MnistDataset.find(dir, split.labelsFileName()));
        ImageGeometry geometry = geometry(images);
        if (!geometry.equals(info.image())) {
            throw new IdxFormatException("IDX file " + images.source() + " has images of " + geometry
                    + " but the model was trained on " + (info.image() == null ? info.inputSize() + " inputs"
                    : "images of " + info.image()) + "; use the data set the model was trained on.");
        }
        int largest = largestLabel(labels);
        if (largest >= info.classes()) {
            throw new IdxFormatException("IDX label file " + labels.source() + " has label " + largest
                    + " but the model knows only " + info.classes() + " classes (0.." + (info.classes() - 1)
                    + "); use the data set the model was trained on.");
        }
        Normalization scale = new Normalization(info.preprocessing().scale(), 0f);
        return info.preprocessing().applyToLoaded(MnistDataset.fromIdx(images, labels, scale, info.classes()));
    }

    private static void checkFolder(Path dir) throws FileNotFoundException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("IDX folder " + dir + " does not exist; give a folder with the four files "
                    + Split.TRAIN.imagesFileName() + ", " + Split.TRAIN.labelsFileName() + ", "
                    + Split.TEST.imagesFileName() + " and " + Split.TEST.labelsFileName() + " (each plain or .gz).");
        }
    }

    private static ImageGeometry geometry(IdxFile images) throws IdxFormatException {
        int[] shape = images.dimensions();
        if (shape.length != 3) {
            throw new IdxFormatException("IDX image file " + images.source() + " has shape " + images.shape()
                    + ", but an image file has 3 dimensions (count × height × width); check that it is the images"
                    + " file.");
        }
        return new ImageGeometry(1, shape[1], shape[2]);
    }

    private static String size(ImageGeometry g) {
        return g.height() + "×" + g.width();
    }

    private static int largestLabel(IdxFile labels) throws IdxFormatException {
        if (labels.dimensions().length != 1) {
            throw new IdxFormatException("IDX label file " + labels.source() + " has shape " + labels.shape()
                    + ", but a label file has 1 dimension (count); check that it is the labels file.");
        }
        int largest = 0;
        for (byte b : labels.data()) {
            largest = Math.max(largest, b & 0xFF);
        }
        return largest;
    }

    /** True if either file of the split is there (so a missing partner is reported), false if neither is. */
    private static boolean hasSplit(Path dir, Split split) {
        for (String name : List.of(split.imagesFileName(), split.labelsFileName())) {
            if (Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve(name + ".gz"))) {
                return true;
            }
        }
        return false;
    }

    private static Known recognise(IdxFile trainLabels, IdxFile testLabelsOrNull) {
        String train = sha256(trainLabels.data());
        String test = testLabelsOrNull == null ? "" : sha256(testLabelsOrNull.data());
        for (Known known : KNOWN) {
            if (known.trainLabelsSha256().equals(train) || known.testLabelsSha256().equals(test)) {
                return known;
            }
        }
        return null;
    }

    private static List<String> classNames(Path dir, Known known, int largestLabel) throws IOException {
        Path file = dir.resolve(CLASS_NAMES_FILE);
        if (Files.isRegularFile(file)) {
            List<String> names = readClassNames(file);
            if (largestLabel >= names.size()) {
                throw new DataFormatException("Class names file " + file + " names " + names.size()
                        + " classes but the label files use label " + largestLabel + "; add a line for every label"
                        + " from 0 to " + largestLabel + ".");
            }
            return names;
        }
        if (known != null && largestLabel < known.classNames().size()) {
            return known.classNames();
        }
        return numbers(Math.max(2, largestLabel + 1));
    }

    /** One name per line, trimmed; trailing blank lines are ignored, other blank or repeated names are errors. */
    static List<String> readClassNames(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                throw new DataFormatException("Class names file " + file + " line " + (i + 1)
                        + " is blank; give one class name per line, line 1 for label 0.");
            }
            int earlier = names.indexOf(name);
            if (earlier >= 0) {
                throw new DataFormatException("Class names file " + file + " line " + (i + 1) + " repeats \"" + name
                        + "\" from line " + (earlier + 1) + "; every class needs its own name.");
            }
            names.add(name);
        }
        if (names.size() < 2) {
            throw new DataFormatException("Class names file " + file + " names " + names.size()
                    + " classes; a classifier needs at least 2, one name per line.");
        }
        return names;
    }

    /** "0", "1", …, "n-1". */
    static List<String> numbers(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
