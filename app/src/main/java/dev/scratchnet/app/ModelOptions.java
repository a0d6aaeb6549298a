package dev.scratchnet.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and the data, shared by the commands that use a saved model: eval, predict, report. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train.")
    Path model;

    @Option(names = "--data", paramLabel = "PATH", description = "The examples to test on, of the kind the model was "
            + "trained on: an IDX folder (its t10k files), a .csv file or a folder of class folders, prepared as the "
            + "model's data was (default $SCRATCHNET_DATA, else data/mnist).")
    Path data;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "CSV: the label column, by header name or by index from 0 (default 0).")
    String labelColumn;
}
