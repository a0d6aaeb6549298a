package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads the MNIST folder for the commands. Checking the files here first means a
 * missing download gets the full "how to get them" sentence, not just a file name. Each command
 * asks only for the files it reads: eval and predict need the test set, not the training set.
 */
final class MnistData {
    private MnistData() {
    }

    /** {@code --data}, else {@code $SCRATCHNET_DATA}, else {@code data/mnist}. */
    static Path folder(Path given) {
        return given != null ? given : DatasetFiles.MNIST.defaultFolder();
    }

    /** Checks that the files of the given splits are there (gzipped or unpacked). */
    static void requirePresent(Path dir, MnistDataset.Split... splits) {
        if (!Files.isDirectory(dir)) {
            throw new CliFailure("there is no MNIST data folder at " + dir + "; " + DatasetFiles.MNIST.howToGet(dir));
        }
        List<DatasetFiles.RemoteFile> missing = DatasetFiles.MNIST.missingFrom(dir).stream()
                .filter(f -> List.of(splits).stream().anyMatch(s -> f.unpackedName().equals(s.imagesFileName())
                        || f.unpackedName().equals(s.labelsFileName())))
                .toList();
        if (!missing.isEmpty()) {
            throw new CliFailure("the MNIST folder " + dir + " has no " + missing.get(0).unpackedName() + " (or "
                    + missing.get(0).name() + "); " + DatasetFiles.MNIST.howToGet(dir));
        }
    }

    /** Loads one split and checks its images are MNIST's 28×28, naming the file if not. */
    static Dataset load(Path dir, MnistDataset.Split split, Normalization normalization) throws IOException {
        requirePresent(dir, split);
        Dataset data = MnistDataset.load(dir, split, normalization);
        if (data.inputSize() != TrainOptions.PIXELS) {
            int side = (int) Math.round(Math.sqrt(data.inputSize()));
            String shape = side * side == data.inputSize() ? side + "×" + side + " images (" + data.inputSize()
                    + " pixels)" : "images of " + data.inputSize() + " pixels";
            throw new CliFailure(imagesFile(dir, split) + " holds " + shape + ", but MNIST images are 28×28 ("
                    + TrainOptions.PIXELS + " pixels); give the folder of the MNIST files");
        }
        return data;
    }

    /** The files a run reads, to refuse writing over them: both names of each file of the splits. */
    static List<Path> inputFiles(Path dir, MnistDataset.Split... splits) {
        List<Path> files = new ArrayList<>();
        for (MnistDataset.Split split : splits) {
            for (String name : List.of(split.imagesFileName(), split.labelsFileName())) {
                files.add(dir.resolve(name));
                files.add(dir.resolve(name + ".gz"));
            }
        }
        return files;
    }

    /** The image file the loader used: the unpacked one if there, else the .gz. */
    private static Path imagesFile(Path dir, MnistDataset.Split split) {
        Path plain = dir.resolve(split.imagesFileName());
        return Files.isRegularFile(plain) ? plain : dir.resolve(split.imagesFileName() + ".gz");
    }
}
