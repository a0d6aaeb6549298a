package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
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
