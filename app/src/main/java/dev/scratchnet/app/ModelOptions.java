package dev.scratchnet.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --data}, shared by the commands that use a saved model: eval, predict, report. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the MNIST files (default $SCRATCHNET_DATA, else data/mnist).")
    Path data;
}
