package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.model.GradientCheck;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomLayerExampleTest {
    @TempDir
    Path dir;

    @Test
    void aNetworkWithTheOutsideLayerLearns() {
        Network network = CustomLayerExample.build(1);
        Dataset test = CustomLayerExample.data(500, 2);
        double before = network.evaluate(test).loss();
        TrainingResult result = CustomLayerExample.train(network, CustomLayerExample.data(1000, 1), 1);
        assertTrue(result.last().trainLoss() < 0.5 * result.epochs().get(0).trainLoss(), result.epochs().toString());
        assertTrue(network.evaluate(test).loss() < 0.5 * before);
        assertTrue(network.evaluate(test).accuracy() > 0.9, network.evaluate(test).toString());
        float[] scale = network.parameters().get(0).value().data();
        assertTrue(Math.abs(scale[0]) > 1 && Math.abs(scale[1]) > 1,
                "the quiet features were turned up: " + java.util.Arrays.toString(scale));
    }

    @Test
    void savedAndLoadedItPredictsTheSame() throws Exception {
        Network network = CustomLayerExample.build(2);
        CustomLayerExample.train(network, CustomLayerExample.data(300, 3), 2);
        Network loaded = CustomLayerExample.saveAndLoad(network, dir.resolve("scaled.snm"));
        assertEquals("4-scale(4)-8(tanh)-2(identity), cross-entropy", loaded.describe());
        Dataset test = CustomLayerExample.data(50, 4);
        assertArrayEquals(network.predict(test.inputs()).data(), loaded.predict(test.inputs()).data());
        assertArrayEquals(network.parameters().get(0).value().data(), loaded.parameters().get(0).value().data());
    }

    @Test
    void backpropThroughTheOutsideLayerMatchesFiniteDifferences() {
        List<GradientCheck.Result> results = CustomLayerExample.gradientCheck(3);
        assertEquals(List.of("dense0.weights", "dense0.bias", "scale1.scale", "dense2.weights", "dense2.bias"),
                results.stream().map(GradientCheck.Result::parameter).toList());
        for (GradientCheck.Result r : results) {
            assertTrue(r.relativeError() < 1e-2, r.toString());
        }
    }
}
