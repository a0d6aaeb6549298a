package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Trains on the real MNIST with the scalar reference backend and checks the test accuracy. */
class MnistTrainingTest {
    @Test
    void aModestNetworkReaches97PercentInThreeEpochs() throws Exception {
        Path dir = TestData.mnist();
        Dataset train = MnistDataset.load(dir, MnistDataset.Split.TRAIN);
        Dataset test = MnistDataset.load(dir, MnistDataset.Split.TEST);
        Network net = Network.builder().input(784).dense(100, Activation.RELU).dense(10, Activation.IDENTITY)
                .seed(1).backend(new ScalarBackend()).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).learningRate(0.1f)
                .momentum(0.9f).batchSize(64).epochs(3).schedule(LearningRateSchedule.cosine()).seed(1).build();
        TrainingResult result = new Trainer(net, config).fit(train, test);
        double accuracy = result.last().validation().accuracy();
        System.out.printf("MNIST scalar 784-100-10: test accuracy %.2f%% after %d epochs (%.1f s/epoch)%n",
                100 * accuracy, result.epochs().size(), result.last().seconds());
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    }
}
