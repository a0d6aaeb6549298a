package dev.scratchnet.examples;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Regression: learn y = sin(x) on [−π, π] from 512 random samples, with the quadratic cost and a
 * linear output unit, then measure the mean squared error on 1001 evenly spaced points the
 * network never saw.
 *
 * <p>A hidden layer of tanh units builds the curve out of S-shaped pieces; the output unit adds
 * them up with no activation (identity), because a regression target can be any number. For
 * scale: predicting 0 everywhere gives a mean squared error of ½ (the mean of sin² over a period),
 * and the best straight line gives about 0.196.
 */
public final class SineRegressionExample {
    /** Training samples, drawn uniformly from [−π, π]. */
    static final int TRAIN_POINTS = 512;
    /** Evenly spaced test points from −π to π, both ends included. */
    static final int TEST_POINTS = 1001;

    private SineRegressionExample() {
    }

    /**
     * Trains a 1-32-1 network on samples of sin(x) and measures it on a fine grid.
     *
     * @param seed the seed for the samples, the initial weights and the order of the examples
     * @return the mean squared error, mean of (a − sin x)², over the test grid
     */
    public static double run(long seed) {
        Dataset train = randomSamples(TRAIN_POINTS, new SplittableRandom(seed));
        Dataset test = grid(TEST_POINTS);

        Network network = Network.builder()
                .input(1)
                .dense(32, Activation.TANH)
                .dense(1, Activation.IDENTITY)   // linear output: any real number
                .loss(LossKind.QUADRATIC)
                .seed(seed)
                .build();

        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f)
                .batchSize(32)
                .epochs(300)
                .schedule(LearningRateSchedule.cosine())   // large steps first, small ones to settle
                .seed(seed)
                .build();
        new Trainer(network, config).fit(train, null);

        return meanSquaredError(network.predict(test.inputs()), test.targets());
    }

    /**
     * The plain mean of the squared differences. ({@code Network.evaluate} reports the quadratic
     * cost, which is half of this: L = (1/n) Σ ½ (a − y)².)
     */
    static double meanSquaredError(Tensor predictions, Tensor targets) {
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            double diff = predictions.data()[i] - targets.data()[i];
            sum += diff * diff;
        }
        return sum / predictions.size();
    }

    /** n points x drawn uniformly from [−π, π], each with target sin(x). */
    static Dataset randomSamples(int n, SplittableRandom random) {
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) random.nextDouble(-Math.PI, Math.PI);
            y[i][0] = (float) Math.sin(x[i][0]);
        }
        return Dataset.ofTargets(x, y);
    }

    /** n evenly spaced points from −π to π, each with target sin(x). */
    static Dataset grid(int n) {
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (-Math.PI + 2 * Math.PI * i / (n - 1));
            y[i][0] = (float) Math.sin(x[i][0]);
        }
        return Dataset.ofTargets(x, y);
    }

    /**
     * Trains and prints the test error.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        double mse = run(1);
        System.out.printf("mean squared error on %d test points: %.2e (root mean square %.4f)%n",
                TEST_POINTS, mse, Math.sqrt(mse));
    }
}
