package dev.scratchnet.app;

import dev.scratchnet.data.CsvDataset;
import dev.scratchnet.data.CsvOptions;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.IdxFolder;
import dev.scratchnet.data.ImageFolderDataset;
import dev.scratchnet.data.LabelledData;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Standardization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The three kinds of data the commands read, told apart by the path: a folder with the IDX files
 * (MNIST's layout), a file ending in {@code .csv}, or a folder of class folders of pictures. The
 * loaders are core's ({@link IdxFolder}, {@link CsvDataset}, {@link ImageFolderDataset}); this class
 * picks one, holds out a test set when the source has none, and fits the standardization on the
 * training part only.
 */
enum DataSource {
    IDX, CSV, IMAGES;

    /** The IDX file names (without .gz) whose presence makes a folder an IDX folder. */
    private static final List<String> IDX_NAMES = List.of(MnistDataset.Split.TRAIN.imagesFileName(),
            MnistDataset.Split.TRAIN.labelsFileName(), MnistDataset.Split.TEST.imagesFileName(),
            MnistDataset.Split.TEST.labelsFileName());

    /** {@code --data}, else {@code $SCRATCHNET_DATA}, else {@code data/mnist}. */
    static Path path(Path given) {
        return MnistData.folder(given);
    }

    /**
     * Which kind of data a path holds.
     *
     * @throws CliFailure with one sentence if it is none of the three
     */
    static DataSource of(Path path) throws IOException {
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return CSV; // a missing file gets the CSV loader's own sentence
        }
        if (!Files.exists(path)) {
            throw new CliFailure("there is no MNIST data folder at " + path + "; " + DatasetFiles.MNIST.howToGet(path)
                    + "; or give --data a .csv file or a folder with one sub-folder of pictures per class");
        }
        if (!Files.isDirectory(path)) {
            throw new CliFailure("--data " + path + " is a file that does not end in .csv; give a .csv file, a folder "
                    + "of IDX files or a folder with one sub-folder of pictures per class");
        }
        for (String name : IDX_NAMES) {
            if (Files.isRegularFile(path.resolve(name)) || Files.isRegularFile(path.resolve(name + ".gz"))) {
                return IDX;
            }
        }
        try (Stream<Path> children = Files.list(path)) {
            if (children.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
                return IMAGES;
            }
        }
        throw new CliFailure("--data " + path + " holds neither IDX files (" + IDX_NAMES.get(0) + " and the others) nor "
                + "sub-folders of pictures, one per class; give such a folder, or a .csv file");
    }

    /**
     * Loads training and test data for {@code train}: the source's test set, else a held-out share of
     * the training examples drawn with {@code seed}, then the standardization fitted on the training part.
     */
    static LabelledData loadForTraining(DataOptions options, long seed) throws IOException {
        Path path = path(options.data);
        DataSource kind = of(path);
        kind.refuseFlagsOfOtherKinds(options);
        LabelledData data = switch (kind) {
            case IDX -> {
                MnistData.requirePresent(path, MnistDataset.Split.TRAIN);
                yield IdxFolder.load(path);
            }
            case CSV -> CsvDataset.load(path, options.testData, options.csv());
            case IMAGES -> ImageFolderDataset.load(path, options.testData, options.images());
        };
        if (data.test() == null) {
            data = data.withHeldOutTest(options.testFraction(), new SplittableRandom(seed), true);
        } else if (options.testFraction != null) {
            throw new CliFailure("--test-fraction holds out a test set, but " + path + " comes with one ("
                    + (options.testData != null ? options.testData : "its t10k files") + "); leave out --test-fraction");
        }
        return data.standardized(options.standardization(kind == CSV ? Standardization.Mode.PER_FEATURE
                : Standardization.Mode.NONE));
    }

    /** A CSV's flags with a picture folder and the like: refused, so a typo in --data cannot go unnoticed. */
    private void refuseFlagsOfOtherKinds(DataOptions options) {
        List<String> wrong = new ArrayList<>();
        if (this != CSV && options.labelColumn != null) {
            wrong.add("--label-column");
        }
        if (this != CSV && options.scale != null) {
            wrong.add("--scale");
        }
        if (this != IMAGES && options.imageSize != null) {
            wrong.add("--image-size");
        }
        if (this != IMAGES && options.channels != null) {
            wrong.add("--channels");
        }
        if (this == IDX && options.testData != null) {
            wrong.add("--test-data");
        }
        if (!wrong.isEmpty()) {
            throw new CliFailure(String.join(" and ", wrong) + (wrong.size() == 1 ? " does" : " do") + " not apply to "
                    + describe() + " like " + path(options.data) + "; leave " + (wrong.size() == 1 ? "it" : "them") + " out");
        }
    }

    private String describe() {
        return switch (this) {
            case IDX -> "an IDX folder";
            case CSV -> "a CSV file";
            case IMAGES -> "a folder of pictures";
        };
    }

    /**
     * Checks, before a model is loaded, that the data of eval, predict or report is there: the kind of
     * data, and for an IDX folder its t10k files, whose absence gets the sentence on how to get them.
     */
    static void checkForModel(Path given) throws IOException {
        Path path = path(given);
        if (of(path) == IDX) {
            MnistData.requirePresent(path, MnistDataset.Split.TEST);
        }
    }

    /**
     * Loads examples prepared the way a model's training data was, for eval, predict and report: an
     * IDX folder's test split, a whole CSV file, or a whole folder of class folders.
     *
     * @param labelColumn the CSV label column as given on the command line, or null for the first
     */
    static Dataset loadForModel(Path given, DatasetInfo data, String labelColumn) throws IOException {
        Path path = path(given);
        DataSource kind = of(path);
        if (kind != CSV && labelColumn != null) {
            throw new CliFailure("--label-column does not apply to " + kind.describe() + " like " + path + "; leave it out");
        }
        try {
            return switch (kind) {
                case IDX -> {
                    MnistData.requirePresent(path, MnistDataset.Split.TEST);
                    yield IdxFolder.loadSplit(path, MnistDataset.Split.TEST, data);
                }
                case CSV -> CsvDataset.load(path, labelColumn == null ? CsvOptions.DEFAULTS
                        : CsvOptions.DEFAULTS.withLabelColumnSpec(labelColumn.trim()), data);
                case IMAGES -> ImageFolderDataset.load(path, data);
            };
        } catch (IllegalArgumentException e) { // the model's data is of another kind (rows of numbers, not pictures)
            throw new CliFailure(path + " cannot be read for this model: " + e.getMessage()
                    + "; give data of the kind the model was trained on", e);
        }
    }

    /** The files a run reads, to refuse writing over them. */
    static List<Path> inputFiles(Path given, Path testData) {
        Path path = path(given);
        List<Path> files = new ArrayList<>(MnistData.inputFiles(path, MnistDataset.Split.TRAIN, MnistDataset.Split.TEST));
        files.add(path);
        if (testData != null) {
            files.add(testData);
        }
        return files;
    }
}
