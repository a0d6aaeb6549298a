package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.layer.Dense;
import dev.scratchnet.layer.Negate;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkTest {
    @Test
    void builderDescribesTheArchitecture() {
        Network net = Network.builder().input(784).dense(128, Activation.RELU).dropout(0.2f)
                .dense(10, Activation.IDENTITY).build();
        assertEquals("784-128(relu)-dropout(0.2)-10(identity), cross-entropy", net.describe());
        assertArrayEquals(new int[] {784, 128, 10}, net.layerSizes());
        assertEquals(784L * 128 + 128 + 128 * 10 + 10, net.parameterCount());
    }

    @Test
    void anyLayerCanBeAddedWhenItsInputShapeFits() {
        Network net = Network.builder().input(4).dense(5, Activation.TANH).add(new Negate(Shape.flat(5)))
                .dense(2, Activation.IDENTITY).build();
        assertEquals("4-5(tanh)-negate-2(identity), cross-entropy", net.describe());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Network.builder().input(4).dense(5, Activation.TANH).add(new Negate(Shape.flat(6))));
        assertEquals("layer 1 (negate) expects input 6, but the layer before it gives 5", e.getMessage());
    }

    @Test
    void aFlatLayerReadsAnImageButAnImageLayerNeedsItsShape() {
        Shape image = new Shape(1, 4, 4);
        Network net = Network.builder().input(image).dense(3, Activation.IDENTITY).build();
        assertEquals(image, net.inputShape());
        assertEquals(image, net.layers().get(0).inputShape());
        assertEquals("1×4×4-3(identity), cross-entropy", net.describe());
        Network.builder().input(image).add(new Dense(16, 3, Activation.IDENTITY, "d"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Network.builder().input(image).add(new Negate(new Shape(1, 2, 8))));
        assertTrue(e.getMessage().contains("expects input 1×2×8, but the network's input is 1×4×4"),
                e.getMessage());
    }

    @Test
    void aFactoryMakesTheLayerForTheCurrentShape() {
        List<String> seen = new ArrayList<>();
        Network.builder().input(new Shape(2, 3, 3)).dropout(0.5f).add((shape, index) -> {
            seen.add(shape + " at " + index);
            return new Negate(shape);
        });
        assertEquals(List.of("2×3×3 at 1"), seen);
    }

    @Test
    void theBuilderChecksItsOrderAndItsLayers() {
        assertTrue(assertThrows(IllegalStateException.class, () -> Network.builder().dense(3, Activation.RELU))
                .getMessage().contains("call input"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Network.builder().input(3).dropout(0.5f).build())
                .getMessage().contains("at least one layer with weights"));
        Network.Builder builder = Network.builder().input(2).dense(2, Activation.IDENTITY);
        builder.build();
        assertTrue(assertThrows(IllegalStateException.class, builder::build).getMessage().contains("new Network.builder()"));
    }

    @Test
    void theSameSeedGivesTheSameWeightsWhateverTheOrderOfTheBuilderCalls() {
        Network a = Network.builder().input(3).seed(9).dense(4, Activation.RELU).dense(2, Activation.IDENTITY).build();
        Network b = Network.builder().input(3).dense(4, Activation.RELU).dense(2, Activation.IDENTITY).seed(9).build();
        for (int p = 0; p < a.parameters().size(); p++) {
            assertArrayEquals(a.parameters().get(p).value().data(), b.parameters().get(p).value().data());
        }
    }

    @Test
    void eachLayerStartsFromTheDefaultForItsActivationUnlessOneIsChosen() {
        assertEquals(Math.sqrt(2.0 / 400), weightStd(Network.builder().input(400).dense(100, Activation.RELU)), 0.03 * 0.0707);
        assertEquals(Math.sqrt(2.0 / 500), weightStd(Network.builder().input(400).dense(100, Activation.TANH)), 0.03 * 0.0632);
        assertEquals(Math.sqrt(2.0 / 500), weightStd(Network.builder().input(400).dense(100, Activation.RELU)
                .initializer(dev.scratchnet.layer.Initializer.XAVIER)), 0.03 * 0.0632);
    }

    /** The standard deviation of the first layer's weights, with an identity output layer added. */
    private static double weightStd(Network.Builder builder) {
        float[] w = builder.dense(2, Activation.IDENTITY).build().parameters().get(0).value().data();
        double squares = 0;
        for (float v : w) {
            squares += (double) v * v;
        }
        return Math.sqrt(squares / w.length);
    }

    @Test
    void crossEntropyNeedsALinearOutputLayer() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Network.builder().input(4).dense(3, Activation.SIGMOID).loss(LossKind.CROSS_ENTROPY).build());
        assertTrue(e.getMessage().contains("identity"), e.getMessage());
    }

    @Test
    void inputOfTheWrongWidthNamesBothWidths() {
        Network net = Network.builder().input(784).dense(10, Activation.IDENTITY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(new Tensor(2, 100)));
        assertTrue(e.getMessage().contains("2×100") && e.getMessage().contains("784"), e.getMessage());
    }

    @Test
    void predictGivesProbabilitiesThatSumToOne() {
        Network net = Network.builder().input(3).dense(5, Activation.TANH).dense(4, Activation.IDENTITY).build();
        Tensor p = net.predict(SyntheticData.uniform(2500, 3, 1)); // more than one inference chunk
        for (int i = 0; i < p.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += p.get(i, j);
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void aTrainedNetworkPredictsTheSameOnManyThreadsAtOnce() throws Exception {
        Network net = Network.builder().input(2).dense(16, Activation.RELU).dense(4, Activation.IDENTITY).build();
        new Trainer(net, TrainingConfig.builder().epochs(2).build()).fit(SyntheticData.blobs(200, 1), null);
        Tensor x = SyntheticData.uniform(300, 2, 2);
        int[] expected = net.predictClasses(x);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> net.predictClasses(x)));
            }
            for (Future<int[]> r : results) {
                assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluationCountsTheConfusionMatrix() {
        Tensor outputs = Tensor.of(new float[] {0.9f, 0.1f}, new float[] {0.2f, 0.8f}, new float[] {0.6f, 0.4f});
        Evaluation e = Evaluation.of(0.5, outputs, new int[] {0, 1, 1});
        assertEquals(2.0 / 3, e.accuracy(), 1e-12);
        assertArrayEquals(new int[] {1, 0}, e.confusion()[0]);
        assertArrayEquals(new int[] {1, 1}, e.confusion()[1]);
        assertEquals(0.5, e.precision(0), 1e-12); // predicted 0 twice, right once
        assertEquals(0.5, e.recall(1), 1e-12);    // class 1 twice, found once
    }
}
