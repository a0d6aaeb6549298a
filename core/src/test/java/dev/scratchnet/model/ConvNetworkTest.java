package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.layer.Conv2d;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import dev.scratchnet.testing.StepAllocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convolution and pooling layers inside a network: gradients, training, saving, allocation. */
class ConvNetworkTest {

    /** conv 3×3 (valid) → pool 2 → conv 3×3 (same, stride 2) → dense: every option of the layers once. */
    private static Network smallCnn(Activation f) {
        return Network.builder().input(new Shape(2, 9, 11))
                .conv(3, 4, f)
                .maxPool(2)
                .conv(3, 3, 2, Conv2d.Padding.SAME, f)
                .dense(3, Activation.IDENTITY)
                .initializer(Initializer.XAVIER).seed(5).build();
    }

    @Test
    void gradientsOfASmallCnnMatchFiniteDifferences() {
        Network net = smallCnn(Activation.TANH);
        Tensor inputs = SyntheticData.uniform(4, 2 * 9 * 11, 6), targets = SyntheticData.oneHot(4, 3, 7);
        // A step of 1e-4, not the default 1e-2: a larger nudge of a first-layer weight moves many pooled
        // values at once and can change which input wins a window, so the difference measures a jump,
        // not the slope (1e-2 gave 0.04 for conv0.weights, 1e-3 gave 0.017, 1e-4 gives 0.002).
        List<GradientCheck.Result> results = GradientCheck.check(net, inputs, targets, 1e-4, Integer.MAX_VALUE, 1);
        assertEquals(6, results.size());
        for (GradientCheck.Result r : results) {
            assertTrue(r.relativeError() < 1e-2, r.parameter() + ": relative error " + r.relativeError());
        }
    }

    @Test
    void describesItsLayersAndShapes() {
        Network net = smallCnn(Activation.RELU);
        assertEquals("2×9×11-conv3x4(relu)-pool2-conv3x3s2p1(relu)-3(identity), cross-entropy", net.describe());
        assertEquals(new Shape(3, 2, 2), net.layers().get(2).outputShape()); // 3×4 → ⌊(3 + 2 − 3)/2⌋ + 1 = 2, likewise 2
    }

    @Test
    void aCnnLearnsBarsAndSavesAndLoadsWithIdenticalPredictions() throws Exception {
        Dataset train = SyntheticData.bars(512, 8, 1), test = SyntheticData.bars(200, 8, 2);
        Network net = Network.builder().input(new Shape(1, 8, 8)).conv(3, 6, Activation.RELU).maxPool(2)
                .dense(2, Activation.IDENTITY).seed(3).build();
        double before = net.evaluate(test).loss();
        new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).learningRate(0.05f).batchSize(32)
                .epochs(4).seed(4).build()).fit(train, null);
        Evaluation after = net.evaluate(test);
        assertTrue(after.loss() < before / 2, "loss " + before + " → " + after.loss());
        assertTrue(after.accuracy() > 0.9, "accuracy " + after.accuracy());

        byte[] saved = NetworkFormat.toBytes(net, Normalization.UNIT, null);
        Network loaded = NetworkFormat.fromBytes(saved, "memory", new ScalarBackend()).network();
        assertEquals(net.describe(), loaded.describe());
        assertArrayEquals(net.predict(test.inputs()).data(), loaded.predict(test.inputs()).data());
    }

    @Test
    void convolutionNeedsAnImageInputAndSaysHowToGiveOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Network.builder().input(784).conv(5, 20, Activation.RELU));
        assertTrue(e.getMessage().contains("input(new Shape(1, 28, 28))"), e.getMessage());
    }

    @Test
    void aWarmCnnTrainingStepAllocatesNothing() {
        Dataset train = SyntheticData.bars(640, 8, 8);
        Network net = Network.builder().input(new Shape(1, 8, 8)).conv(3, 4, Activation.RELU).maxPool(2)
                .conv(3, 4, 1, Conv2d.Padding.SAME, Activation.RELU).dropout(0.1f).dense(2, Activation.IDENTITY)
                .seed(1).build();
        int epochs = 3;
        Trainer trainer = new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f).batchSize(64).epochs(epochs).build());
        StepAllocation steps = new StepAllocation();
        trainer.addListener(steps);
        trainer.fit(train, null);
        assertTrue(steps.last() < 1024, "allocated " + steps.last() + " bytes in 9 steps");
    }
}
