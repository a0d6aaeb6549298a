package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.layer.LayerCodecs;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.GradientCheck;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingResult;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A layer of your own: {@link FeatureScale} lives here, outside the library, and still trains,
 * passes the gradient check, and saves and loads with the network.
 *
 * <p>The problem: four features, but the two that decide the class arrive a hundred times quieter
 * than two that are pure noise. The class is 1 when the first two, at their true scale, sum above 0.
 * A learned scale in front of the hidden layer lets the network turn the quiet features up.
 *
 * <p>The steps a new layer needs: implement {@link dev.scratchnet.layer.Layer}, add it to the
 * builder ({@code add((shape, index) -> new FeatureScale(shape, "scale" + index))}), and before
 * loading a saved model register its codec: {@code LayerCodecs.register(FeatureScale.CODEC)}.
 */
public final class CustomLayerExample {
    /** How much quieter the two informative features arrive. */
    static final float QUIET = 0.01f;

    private CustomLayerExample() {
    }

    /**
     * @param n examples
     * @param seed the seed for the examples
     * @return n examples with 4 features and 2 classes
     */
    public static Dataset data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            labels[i] = a + b > 0 ? 1 : 0;
            x[i][0] = (float) (a * QUIET);
            x[i][1] = (float) (b * QUIET);
            x[i][2] = (float) random.nextGaussian(); // loud noise
            x[i][3] = (float) random.nextGaussian();
        }
        return Dataset.ofClasses(x, labels, 2);
    }

    /**
     * @param seed the seed for the initial weights
     * @return 4 → feature scale → 8 tanh → 2 logits, cross-entropy
     */
    public static Network build(long seed) {
        return Network.builder()
                .input(4)
                .add((shape, index) -> new FeatureScale(shape, "scale" + index)) // the layer from outside
                .dense(8, Activation.TANH)
                .dense(2, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY)
                .seed(seed)
                .build();
    }

    /**
     * Trains the network with Adam.
     *
     * @param network the network
     * @param data the training set
     * @param seed the seed for the order of the examples
     * @return the per-epoch losses
     */
    public static TrainingResult train(Network network, Dataset data, long seed) {
        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.02f)
                .batchSize(32)
                .epochs(40)
                .seed(seed)
                .build();
        return new Trainer(network, config).fit(data, null);
    }

    /**
     * Saves the network to a model file and loads it back, after registering the layer's codec.
     *
     * @param network the network
     * @param file where to save it
     * @return the loaded network
     * @throws IOException if the file cannot be written or read
     */
    public static Network saveAndLoad(Network network, Path file) throws IOException {
        LayerCodecs.register(FeatureScale.CODEC); // without this, loading names the unknown kind
        NetworkFormat.save(network, Normalization.UNIT, file);
        return NetworkFormat.load(file, new ScalarBackend()).network();
    }

    /**
     * Checks backprop through the layer against finite differences, with the scale between two
     * dense layers so that its ∂L/∂x is checked too (the first layer's gradient depends on it).
     *
     * @param seed the seed for the weights and the inputs
     * @return one result per parameter
     */
    public static List<GradientCheck.Result> gradientCheck(long seed) {
        Network network = Network.builder()
                .input(3)
                .dense(5, Activation.TANH)
                .add((shape, index) -> new FeatureScale(shape, "scale" + index))
                .dense(2, Activation.IDENTITY)
                .seed(seed)
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        float[] scale = network.parameters().get(2).value().data();
        for (int j = 0; j < scale.length; j++) {
            scale[j] = (float) (0.5 + random.nextDouble()); // away from 1, so a missing factor shows
        }
        Dataset batch = data(8, seed);
        Tensor inputs = new Tensor(8, 3);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                inputs.set(i, j, batch.inputs().get(i, j + 1) * 10);
            }
        }
        return GradientCheck.check(network, inputs, batch.targets());
    }

    /**
     * Trains, checks, saves and loads, printing each step.
     *
     * @param args ignored
     * @throws IOException if the temporary model file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Dataset train = data(1000, 1);
        Dataset test = data(500, 2);
        Network network = build(1);
        System.out.println(network.describe() + ", " + network.parameterCount() + " parameters");
        System.out.println("test before training: " + network.evaluate(test));
        TrainingResult result = train(network, train, 1);
        System.out.printf("training loss %.4f → %.4f%n", result.epochs().get(0).trainLoss(), result.last().trainLoss());
        System.out.println("test after training:  " + network.evaluate(test));
        System.out.println("learned scale: " + java.util.Arrays.toString(network.parameters().get(0).value().data()));
        for (GradientCheck.Result r : gradientCheck(3)) {
            System.out.printf("gradient check %-14s relative error %.2e%n", r.parameter(), r.relativeError());
        }
        Path file = Files.createTempFile("feature-scale", ".snm");
        try {
            Network loaded = saveAndLoad(network, file);
            boolean same = java.util.Arrays.equals(network.predict(test.inputs()).data(),
                    loaded.predict(test.inputs()).data());
            System.out.println("loaded " + loaded.describe() + ": " + (same ? "same predictions" : "DIFFERENT predictions"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
