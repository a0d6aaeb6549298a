package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.Backends;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Learns which points lie inside a circle, then saves the model, loads it back and predicts. */
public class ReadmeExample {

    /** The test-set evaluation, and the test predictions before saving and after loading. */
    public record Result(Evaluation test, Tensor predicted, Tensor predictedAfterLoading) {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "circle.snet");
        Result result = run(file);
        System.out.println("test set: " + result.test());
        System.out.println("saved to " + file + "; the loaded copy predicts the same: "
                + result.predicted().equals(result.predictedAfterLoading()));
    }

    public static Result run(Path modelFile) throws IOException {
        Dataset train = circle(2000, 1);
        Dataset test = circle(500, 2);
        Backend backend = Backends.select("auto");      // simd if present and enabled, else scalar

        Network network = Network.builder()
                .input(2)                                // a point (x, y)
                .dense(16, Activation.TANH)
                .dense(2, Activation.IDENTITY)           // logits for "outside" and "inside"
                .loss(LossKind.CROSS_ENTROPY)
                .seed(42)
                .backend(backend)
                .build();
        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f)
                .batchSize(32)
                .epochs(30)
                .build();
        new Trainer(network, config).fit(train, null);
        Evaluation evaluation = network.evaluate(test);

        NetworkFormat.save(network, Normalization.RAW, modelFile);   // RAW: inputs are used as given
        Network loaded = NetworkFormat.load(modelFile, backend).network();
        return new Result(evaluation, network.predict(test.inputs()), loaded.predict(test.inputs()));
    }

    /** n random points in the square [−1, 1]², class 1 inside the circle of radius 0.7, else 0. */
    public static Dataset circle(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] points = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float x = (float) random.nextDouble(-1, 1);
            float y = (float) random.nextDouble(-1, 1);
            points[i] = new float[] {x, y};
            labels[i] = x * x + y * y < 0.49f ? 1 : 0;
        }
        return Dataset.ofClasses(points, labels, 2);
    }
}
