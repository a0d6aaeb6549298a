package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The MNIST test set for {@code serve --data}: raw pixels by index, and the indices of the digits
 * the model gets wrong, found once at start.
 */
final class TestDigits {
    private final Dataset raw;
    private final int[] misclassified;
    private final int[] predictions;

    private TestDigits(Dataset raw, int[] predictions, int[] misclassified) {
        this.raw = raw;
        this.predictions = predictions;
        this.misclassified = misclassified;
    }

    static TestDigits load(Path dir, Network network, Normalization normalization) throws IOException {
        Dataset raw = MnistData.load(dir, MnistDataset.Split.TEST, Normalization.RAW);
        if (raw.inputSize() != network.inputSize()) {
            throw new CliFailure("the test images in " + dir + " have " + raw.inputSize() + " pixels, the model takes "
                    + network.inputSize() + "; give --data a folder with the MNIST files");
        }
        float[] inputs = raw.inputs().data().clone();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = normalization.apply((int) inputs[i]);
        }
        int[] predictions = network.predictClasses(Tensor.wrap(raw.size(), raw.inputSize(), inputs));
        int[] labels = raw.labels();
        int[] wrong = java.util.stream.IntStream.range(0, raw.size()).filter(i -> predictions[i] != labels[i]).toArray();
        return new TestDigits(raw, predictions, wrong);
    }

    int size() {
        return raw.size();
    }

    int misclassifiedCount() {
        return misclassified.length;
    }

    /** @return the index into the test set of the k-th misclassified digit */
    int misclassified(int k) {
        return misclassified[k];
    }

    int label(int index) {
        return raw.labels()[index];
    }

    int prediction(int index) {
        return predictions[index];
    }

    /** @return the digit's 784 pixels, 0..255 */
    float[] pixels(int index) {
        int n = raw.inputSize();
        return Arrays.copyOfRange(raw.inputs().data(), index * n, (index + 1) * n);
    }
}
