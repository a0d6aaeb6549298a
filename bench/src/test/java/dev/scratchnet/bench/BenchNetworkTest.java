package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

/** The three networks must match the reference scripts' hyper-parameters exactly. */
class BenchNetworkTest {

    @Test
    void nielsenIsSigmoidQuadraticSgd() {
        Network net = BenchNetwork.NIELSEN.build(new ScalarBackend(), 1);
        assertArrayEquals(new int[] {784, 30, 10}, net.layerSizes());
        assertEquals("784-30(sigmoid)-10(sigmoid), quadratic", net.describe());
        TrainingConfig c = BenchNetwork.NIELSEN.config(3, 1);
        assertEquals(OptimizerKind.SGD, c.optimizer());
        assertEquals(3.0f, c.learningRate());
        assertEquals(10, c.batchSize());
        assertEquals(3, c.epochs());
    }

    @Test
    void relu128IsReluCrossEntropyMomentum() {
        Network net = BenchNetwork.RELU128.build(new ScalarBackend(), 1);
        assertEquals("784-128(relu)-10(identity), cross-entropy", net.describe());
        TrainingConfig c = BenchNetwork.RELU128.config(3, 1);
        assertEquals(OptimizerKind.MOMENTUM, c.optimizer());
        assertEquals(0.05f, c.learningRate());
        assertEquals(0.9f, c.momentum());
        assertEquals(64, c.batchSize());
    }

    @Test
    void deepIsReluCrossEntropyAdam() {
        Network net = BenchNetwork.DEEP.build(new ScalarBackend(), 1);
        assertEquals("784-512(relu)-256(relu)-10(identity), cross-entropy", net.describe());
        TrainingConfig c = BenchNetwork.DEEP.config(3, 1);
        assertEquals(OptimizerKind.ADAM, c.optimizer());
        assertEquals(1e-3f, c.learningRate());
        assertEquals(0.9f, c.beta1());
        assertEquals(0.999f, c.beta2());
        assertEquals(1e-8f, c.epsilon());
        assertEquals(128, c.batchSize());
    }

    @Test
    void nielsenStartsFromStandardNormalWeights() {
        // Initializer.NORMAL draws N(0, 1): the first layer's 23,520 weights have a standard deviation near 1
        float[] w = ((dev.scratchnet.layer.Dense) BenchNetwork.NIELSEN.build(new ScalarBackend(), 1).layers().get(0))
                .weights().value().data();
        double sum = 0, squares = 0;
        for (float v : w) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / w.length;
        double sd = Math.sqrt(squares / w.length - mean * mean);
        assertEquals(1.0, sd, 0.05);
    }

    @Test
    void parseAcceptsCliNamesAndListsThemOtherwise() {
        assertEquals(BenchNetwork.DEEP, BenchNetwork.parse(" Deep "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchNetwork.parse("lenet"));
        assertTrue(e.getMessage().contains("nielsen, relu128, deep"), e.getMessage());
    }
}
