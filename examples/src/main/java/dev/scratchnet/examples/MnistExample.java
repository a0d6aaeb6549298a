package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.MnistDataset.Split;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.EpochStats;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingListener;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Handwritten digits: a 784-100-10 network learns MNIST in three passes over the 60,000 training
 * images and classifies more than 97% of the 10,000 test images correctly, on the plain scalar
 * backend, in well under a minute.
 *
 * <p>Each 28×28 image is one row of 784 inputs in [0, 1]; the hidden layer has 100 ReLU units; the
 * ten outputs are logits, one per digit, which the cross-entropy loss turns into probabilities.
 * Momentum with a cosine schedule takes large steps early and small ones at the end.
 *
 * <p>Run it with the folder of the four MNIST files as the argument (or in the system property
 * {@code scratchnet.mnist}).
 */
public final class MnistExample {

    private MnistExample() {
    }

    /**
     * Loads MNIST, trains, and evaluates on the test set.
     *
     * @param dir the folder with the four MNIST files
     * @return the evaluation on the 10,000 test images
     * @throws IOException if the files are missing or damaged
     */
    public static Evaluation run(Path dir) throws IOException {
        Dataset train = MnistDataset.load(dir, Split.TRAIN);
        Dataset test = MnistDataset.load(dir, Split.TEST);

        Network network = Network.builder()
                .input(784)                       // 28 × 28 pixels
                .dense(100, Activation.RELU)
                .dense(10, Activation.IDENTITY)   // one logit per digit
                .loss(LossKind.CROSS_ENTROPY)
                .seed(1)
                .build();

        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.MOMENTUM)
                .learningRate(0.1f)
                .momentum(0.9f)
                .batchSize(64)
                .epochs(3)
                .schedule(LearningRateSchedule.cosine())
                .seed(1)
                .build();

        Trainer trainer = new Trainer(network, config);
        trainer.addListener(new TrainingListener() {   // one line per epoch
            @Override
            public void onEpochEnd(EpochStats s) {
                System.out.printf("epoch %d/%d: train loss %.4f, test accuracy %.2f%%, %.1f s%n",
                        s.epoch(), s.epochs(), s.trainLoss(), 100 * s.validation().accuracy(), s.seconds());
            }
        });
        trainer.fit(train, test);             // test is evaluated after each epoch, for the listener

        return network.evaluate(test);
    }

    /**
     * Trains and prints the final test accuracy.
     *
     * @param args the MNIST folder (optional if the system property {@code scratchnet.mnist} is set)
     * @throws IOException if the files are missing or damaged
     */
    public static void main(String[] args) throws IOException {
        String dir = args.length > 0 ? args[0] : System.getProperty("scratchnet.mnist", "");
        if (dir.isBlank()) {
            System.err.println("Give the folder with the four MNIST files as the argument, for example data/mnist.");
            System.exit(2);
        }
        System.out.println("test set: " + run(Path.of(dir)));
    }
}
