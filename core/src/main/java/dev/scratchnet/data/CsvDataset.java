package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads labelled examples from CSV files: one example per line, a label column and numeric features.
 *
 * <ul>
 *   <li><b>Label column</b>: the first by default; or chosen by header name or by index
 *       ({@link CsvOptions}). Every other column is a feature.</li>
 *   <li><b>Header</b>: detected (the first line is a header if one of its feature cells is not a
 *       number), or stated. Kaggle's {@code mnist_train.csv} ({@code label,1x1,1x2,…,28x28}) needs no
 *       options.</li>
 *   <li><b>Delimiter</b>: ',' , ';' or tab, detected from the first line. With ';', a ',' inside a
 *       number is read as the decimal mark, as spreadsheets in many countries write it.</li>
 *   <li><b>Labels</b> are any text. The classes are the distinct labels <em>sorted</em>: numerically
 *       if every label is a whole number ("2" before "10"), else as strings. Sorting, rather than the
 *       order of first appearance, makes the class order independent of how the rows are shuffled,
 *       and the same as {@code ImageFolder}'s sorted folder names; for 0..9 it is the identity.</li>
 *   <li><b>Test file</b>: optional, with the same columns; its labels must be among the training
 *       file's classes.</li>
 * </ul>
 *
 * <p>Reading streams line by line into one {@code float[]}; no object is made per feature cell. Bad
 * input fails with a {@link DataFormatException} whose one sentence names the file and the line:
 * ragged rows, empty or non-numeric cells, an empty file, a label the training file does not have.
 */
public final class CsvDataset {
    private CsvDataset() {
    }

    /**
     * Loads a training file and, optionally, a test file.
     *
     * @param train       the training examples
     * @param testOrNull  the test examples with the same columns, or null (hold some out later with
     *                    {@link LabelledData#withHeldOutTest})
     * @param options     label column, header, delimiter and scale
     * @return the examples, with class names, no image geometry, and the options' scale as preprocessing
     * @throws FileNotFoundException if a file does not exist
     * @throws DataFormatException   if a file is not a CSV of labelled numeric examples; the message names
     *                               the file and line
     * @throws IOException           if a file cannot be read
     */
    public static LabelledData load(Path train, Path testOrNull, CsvOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        CsvReader trainReader = new CsvReader(checkFile(train), options, options.scale(), null);
        CsvReader.Table table = trainReader.read();
        List<String> classNames = sortedClasses(table.labelNames());
        if (classNames.size() < 2) {
            throw trainReader.error("has a single class, \"" + classNames.get(0)
                    + "\"; a classifier needs examples of at least 2 classes (is the label column right?).");
        }
        Map<String, Integer> classIndex = index(classNames);
        int[] remap = new int[classNames.size()];
        for (int id = 0; id < remap.length; id++) {
            remap[id] = classIndex.get(table.labelNames().get(id));
        }
        int[] labels = table.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = remap[labels[i]];
        }
        Dataset trainSet = dataset(table, labels, classNames.size());
        Dataset testSet = null;
        if (testOrNull != null) {
            CsvReader testReader = new CsvReader(checkFile(testOrNull), options, options.scale(), classIndex);
            CsvReader.Table test = testReader.read();
            checkSameColumns(testReader, test, table, train);
            testSet = dataset(test, test.labels(), classNames.size());
        }
        DatasetInfo info = new DatasetInfo(baseName(train), classNames, table.features(), null,
                new Preprocessing(options.scale(), Standardization.NONE));
        return new LabelledData(trainSet, testSet, info);
    }

    /**
     * Loads a file prepared as a trained model expects it, for evaluation: the same number of features,
     * labels among its classes, and its preprocessing applied (its scale replaces the options' scale).
     *
     * @param file    the examples
     * @param options label column, header and delimiter
     * @param info    the description the model was trained with
     * @return the prepared examples, with {@code info.classes()} classes
     * @throws FileNotFoundException if the file does not exist
     * @throws DataFormatException   if the file is not a CSV of labelled numeric examples that fits {@code info}
     * @throws IOException           if the file cannot be read
     */
    public static Dataset load(Path file, CsvOptions options, DatasetInfo info) throws IOException {
        Objects.requireNonNull(options, "options");
        CsvReader reader = new CsvReader(checkFile(file), options, info.preprocessing().scale(),
                index(info.classNames()));
        CsvReader.Table table = reader.read();
        if (table.features() != info.inputSize()) {
            throw reader.error("has " + table.features() + " features per line but the model was trained on "
                    + info.inputSize() + "; use a file with the training file's columns.");
        }
        return info.preprocessing().applyToLoaded(dataset(table, table.labels(), info.classes()));
    }

    private static Path checkFile(Path file) throws FileNotFoundException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("CSV file " + file + (Files.isDirectory(file)
                    ? " is a folder; give the path of the .csv file itself." : " does not exist; check the path."));
        }
        return file;
    }

    private static void checkSameColumns(CsvReader testReader, CsvReader.Table test, CsvReader.Table train,
                                         Path trainFile) throws DataFormatException {
        if (test.features() != train.features()) {
            throw testReader.error("has " + (test.features() + 1) + " columns per line but the training file "
                    + trainFile + " has " + (train.features() + 1) + "; both need the same columns.");
        }
        if (test.header() != null && train.header() != null) {
            for (int k = 0; k < test.header().size(); k++) {
                if (!test.header().get(k).equals(train.header().get(k))) {
                    throw testReader.error("names its " + CsvReader.ordinal(k + 1) + " column \""
                            + test.header().get(k) + "\" but the training file " + trainFile + " names it \""
                            + train.header().get(k) + "\"; both need the same columns in the same order.");
                }
            }
        }
    }

    private static Dataset dataset(CsvReader.Table table, int[] labels, int classes) {
        Tensor inputs = Tensor.wrap(table.rows(), table.features(), table.values());
        return new Dataset(inputs, Dataset.oneHot(labels, classes), labels, classes);
    }

    /** Numerically if every label is a whole number, else as strings. */
    static List<String> sortedClasses(List<String> labels) {
        List<String> sorted = new ArrayList<>(labels);
        boolean numeric = sorted.stream().allMatch(label -> label.matches("[-+]?\\d{1,18}"));
        sorted.sort(numeric ? Comparator.comparingLong((String label) -> Long.parseLong(label))
                .thenComparing(Comparator.naturalOrder()) : Comparator.naturalOrder());
        return List.copyOf(sorted);
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return index;
    }

    /** "iris" for iris.csv: a name for messages and reports. */
    private static String baseName(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
