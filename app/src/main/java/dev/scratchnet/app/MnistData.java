package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds and loads the MNIST folder for the commands. Checking the files here first means a
 * missing download gets the full "how to get them" sentence, not just a file name.
 */
final class MnistData {
    private MnistData() {
    }

    /** {@code --data}, else {@code $SCRATCHNET_DATA}, else {@code data/mnist}. */
    static Path folder(Path given) {
        return given != null ? given : DatasetFiles.MNIST.defaultFolder();
    }

    static void requirePresent(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliFailure("there is no MNIST data folder at " + dir + "; " + DatasetFiles.MNIST.howToGet(dir));
        }
        List<DatasetFiles.RemoteFile> missing = DatasetFiles.MNIST.missingFrom(dir);
        if (!missing.isEmpty()) {
            throw new CliFailure("the MNIST folder " + dir + " has no " + missing.get(0).unpackedName() + " (or "
                    + missing.get(0).name() + "); " + DatasetFiles.MNIST.howToGet(dir));
        }
    }

    static Dataset load(Path dir, MnistDataset.Split split, Normalization normalization) throws IOException {
        requirePresent(dir);
        return MnistDataset.load(dir, split, normalization);
    }
}
