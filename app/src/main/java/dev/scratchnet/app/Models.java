package dev.scratchnet.app;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a model file for eval, predict and report, and checks it fits MNIST. */
final class Models {
    private Models() {
    }

    static SavedModel loadForMnist(Path file, Backend backend) throws IOException {
        SavedModel saved = NetworkFormat.load(file, backend);
        int inputs = saved.network().inputSize();
        int outputs = saved.network().outputSize();
        if (inputs != TrainOptions.PIXELS || outputs != TrainOptions.CLASSES) {
            throw new CliFailure("the model " + file + " takes " + inputs + " inputs and gives " + outputs
                    + " outputs, but MNIST images have " + TrainOptions.PIXELS + " pixels and " + TrainOptions.CLASSES
                    + " classes; use a model trained on MNIST");
        }
        return saved;
    }
}
