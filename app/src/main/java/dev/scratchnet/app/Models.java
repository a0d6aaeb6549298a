package dev.scratchnet.app;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.data.Preprocessing;
import dev.scratchnet.data.Standardization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a model file for eval, predict, report and serve, with the description of the data it was
 * trained on. Files saved before models recorded their data (format versions 1 and 2) come from a
 * command line that trained only on MNIST, so they are described as MNIST.
 */
final class Models {
    private Models() {
    }

    /** A saved model and the data it expects. */
    record Loaded(SavedModel saved, DatasetInfo data) {
    }

    static Loaded load(Path file, Backend backend) throws IOException {
        SavedModel saved = NetworkFormat.load(file, backend);
        return new Loaded(saved, dataOf(saved, file));
    }

    /** The model's own data description, or MNIST's for an older file of MNIST's shape. */
    static DatasetInfo dataOf(SavedModel saved, Path file) {
        if (saved.dataInfo() != null) {
            return saved.dataInfo();
        }
        int inputs = saved.network().inputSize();
        int outputs = saved.network().outputSize();
        if (inputs != TrainOptions.PIXELS || outputs != TrainOptions.CLASSES) {
            throw new CliFailure("the model " + file + " takes " + inputs + " inputs and gives " + outputs
                    + " outputs but does not say what data it was trained on (an older Scratchnet saved it, which knew "
                    + "only MNIST's " + TrainOptions.PIXELS + " pixels and " + TrainOptions.CLASSES + " classes); retrain it");
        }
        return mnist(saved.normalization());
    }

    /** MNIST as models saved before the data description were trained on it: input = pixel · scale + offset. */
    static DatasetInfo mnist(Normalization normalization) {
        Standardization shift = normalization.offset() == 0f ? Standardization.NONE
                : new Standardization(new float[] {-normalization.offset()}, new float[] {1f});
        List<String> digits = new ArrayList<>();
        for (int d = 0; d < TrainOptions.CLASSES; d++) {
            digits.add(Integer.toString(d));
        }
        return new DatasetInfo("MNIST", digits, TrainOptions.PIXELS, new ImageGeometry(1, 28, 28),
                new Preprocessing(normalization.scale(), shift));
    }

    /**
     * The older single-step form of a description's preprocessing, {@code raw · scale + offset}, which
     * the model file also keeps (serve reads it): exact for no or a global standardization.
     */
    static Normalization normalization(DatasetInfo data) {
        Preprocessing p = data.preprocessing();
        Standardization s = p.standardization();
        if (s.isIdentity() || !s.isGlobal()) {
            return new Normalization(p.scale(), 0f);
        }
        return new Normalization(p.scale() / s.std()[0], -s.mean()[0] / s.std()[0]);
    }

    /** A model for serve: MNIST's shape, and inputs made from pixels in one step. */
    static SavedModel loadForMnist(Path file, Backend backend) throws IOException {
        Loaded loaded = load(file, backend);
        DatasetInfo data = loaded.data();
        boolean mnistShape = data.inputSize() == TrainOptions.PIXELS && data.classes() == TrainOptions.CLASSES
                && new ImageGeometry(1, 28, 28).equals(data.image());
        if (!mnistShape || !(data.preprocessing().standardization().isIdentity()
                || data.preprocessing().standardization().isGlobal())) {
            throw new CliFailure("the model " + file + " was trained on " + data.name() + " (" + data.inputSize()
                    + " inputs, " + data.classes() + " classes), but this page draws 28×28 digits for a model trained "
                    + "on MNIST-like pictures; use such a model");
        }
        return loaded.saved();
    }
}
