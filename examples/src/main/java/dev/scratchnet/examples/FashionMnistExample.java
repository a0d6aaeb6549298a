package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.IdxFolder;
import dev.scratchnet.data.LabelledData;
import dev.scratchnet.data.Standardization;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Clothes instead of digits: the same kind of network as {@link MnistExample} learns Fashion-MNIST,
 * whose ten classes (T-shirt/top … Ankle boot) are much harder to tell apart than digits; a shirt and
 * a pullover differ in a few pixels.
 *
 * <p>The data comes through {@link IdxFolder}, which reads any MNIST-layout folder, recognises
 * Fashion-MNIST from its label files and names its classes; the size of the input layer and of the
 * output layer come from the data's description rather than from constants. The pixels are
 * standardized with one mean and deviation fitted on the training images.
 *
 * <p>Run it with the Fashion-MNIST folder as the argument.
 */
public final class FashionMnistExample {

    private FashionMnistExample() {
    }

    /**
     * Loads Fashion-MNIST, trains, prints the recall of every class by name, and evaluates.
     *
     * @param dir the folder with the four Fashion-MNIST files
     * @return the evaluation on the 10,000 test images
     * @throws IOException if the files are missing or damaged
     */
    public static Evaluation run(Path dir) throws IOException {
        LabelledData data = IdxFolder.load(dir).standardized(Standardization.Mode.GLOBAL);
        DatasetInfo info = data.info();
        System.out.println(info.name() + ": " + data.train().size() + " training and " + data.test().size()
                + " test images of " + info.image() + ", classes " + info.classNames());

        Network network = Network.builder()
                .input(info.inputSize())
                .dense(256, Activation.RELU)
                .dense(info.classes(), Activation.IDENTITY)   // one logit per class
                .loss(LossKind.CROSS_ENTROPY)
                .seed(1)
                .build();
        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.001f)
                .batchSize(64)
                .epochs(4)
                .schedule(LearningRateSchedule.cosine())
                .seed(1)
                .build();
        new Trainer(network, config).fit(data.train(), data.test());

        Evaluation test = network.evaluate(data.test());
        for (int c = 0; c < info.classes(); c++) {
            System.out.printf("  %-12s %5.1f%% recognised%n", info.className(c), 100 * test.recall(c));
        }
        return test;
    }

    /**
     * Trains and prints the final test accuracy.
     *
     * @param args the Fashion-MNIST folder
     * @throws IOException if the files are missing or damaged
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("Give the folder with the four Fashion-MNIST files as the argument, for example"
                    + " data/fashion-mnist.");
            System.exit(2);
        }
        System.out.println("test set: " + run(Path.of(args[0])));
    }
}
