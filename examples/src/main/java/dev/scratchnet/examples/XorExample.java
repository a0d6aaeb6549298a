package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;

/**
 * XOR: the answer is 1 when exactly one of the two inputs is 1. No straight line separates the
 * 1s from the 0s, so a network without a hidden layer cannot learn it; one hidden layer of four
 * tanh units can, by bending the plane.
 *
 * <p>The four points are the whole data set: the network trains on them and is scored on them.
 * Classes 0 and 1 are two outputs (logits) turned into probabilities by softmax, the same set-up
 * as MNIST with ten classes.
 */
public final class XorExample {
    /** The four inputs. */
    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their classes: a XOR b. */
    private static final int[] LABELS = {0, 1, 1, 0};

    private XorExample() {
    }

    /** @return the four points of XOR as a two-class data set */
    public static Dataset data() {
        return Dataset.ofClasses(INPUTS, LABELS, 2);
    }

    /**
     * Builds the network, trains it on the four points, and returns it.
     *
     * @param seed the seed for the initial weights and the order of the examples
     * @return the trained network
     */
    public static Network train(long seed) {
        Network network = Network.builder()
                .input(2)
                .dense(4, Activation.TANH)
                .dense(2, Activation.IDENTITY)   // logits; the loss applies softmax
                .loss(LossKind.CROSS_ENTROPY)
                .seed(seed)
                .build();

        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.MOMENTUM)
                .learningRate(0.1f)
                .momentum(0.9f)
                .batchSize(4)                    // all four points in every step
                .epochs(300)
                .seed(seed)
                .build();
        new Trainer(network, config).fit(data(), null);
        return network;
    }

    /**
     * Trains a network and scores it on the four points.
     *
     * @param seed the seed for the initial weights and the order of the examples
     * @return the evaluation; {@code accuracy() == 1.0} means XOR is solved
     */
    public static Evaluation run(long seed) {
        return train(seed).evaluate(data());
    }

    /**
     * Trains, then prints the answer and the probability of class 1 for each input.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Dataset xor = data();
        Network network = train(1);
        Tensor probabilities = network.predict(xor.inputs());
        int[] classes = network.predictClasses(xor.inputs());
        for (int i = 0; i < xor.size(); i++) {
            System.out.printf("%s -> %d   (p(1) = %.3f)%n", Arrays.toString(INPUTS[i]), classes[i],
                    probabilities.get(i, 1));
        }
        System.out.println(network.evaluate(xor));
    }
}
