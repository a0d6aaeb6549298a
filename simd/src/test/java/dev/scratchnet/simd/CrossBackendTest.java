package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.Backends;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import dev.scratchnet.testing.TestData;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two backends are interchangeable: same training outcome, and models move between them. */
class CrossBackendTest {
    @TempDir
    Path dir;

    private static Network network(Backend backend) {
        return Network.builder().input(784).dense(64, Activation.RELU).dense(10, Activation.IDENTITY)
                .seed(3).backend(backend).build();
    }

    @Test
    void sameSeedOnScalarAndSimdEndsWithinAThirdOfAPointOnMnist() throws Exception {
        Path mnist = TestData.mnist();
        Dataset train = MnistDataset.load(mnist, MnistDataset.Split.TRAIN);
        Dataset test = MnistDataset.load(mnist, MnistDataset.Split.TEST);
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).learningRate(0.05f)
                .batchSize(64).epochs(2).seed(5).build();
        double[] accuracy = new double[2];
        String[] names = {"scalar", "simd"};
        for (int i = 0; i < 2; i++) {
            Network net = network(Backends.select(names[i], 2));
            accuracy[i] = new Trainer(net, config).fit(train, test).last().validation().accuracy();
        }
        System.out.printf("MNIST 784-64-10, 2 epochs: scalar %.2f%%, simd %.2f%%%n", 100 * accuracy[0], 100 * accuracy[1]);
        assertTrue(accuracy[0] > 0.95 && accuracy[1] > 0.95, "both must learn: " + accuracy[0] + ", " + accuracy[1]);
        assertEquals(accuracy[0], accuracy[1], 0.003);
    }

    @Test
    void aModelSavedOnOneBackendPredictsIdenticallyOnTheOther() throws Exception {
        Network trainedOnSimd = network(Backends.select("simd", 2));
        Path file = dir.resolve("model.snm");
        NetworkFormat.save(trainedOnSimd, Normalization.UNIT, file);
        SplittableRandom random = new SplittableRandom(1);
        Tensor x = new Tensor(37, 784);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextFloat();
        }
        SavedModel onScalar = NetworkFormat.load(file, Backends.select("scalar"));
        SavedModel onSimd = NetworkFormat.load(file, Backends.select("simd", 1));
        assertArrayEquals(onScalar.network().predictClasses(x), onSimd.network().predictClasses(x));
        assertArrayEquals(onScalar.network().predict(x).data(), onSimd.network().predict(x).data(), 1e-5f);
    }
}
