package dev.scratchnet.bench;

import static dev.scratchnet.bench.BenchmarkChecks.assertComputed;

import org.junit.jupiter.api.Test;

/** Runs each layer's benchmark once without JMH, so a broken benchmark fails the build, not a long run. */
class ConvBenchmarkTest {

    @Test
    void everyLayerRunsForwardAndBackwardWithScalar() {
        // layer, y's width, and the width of what forwardBackward returns (∂L/∂x, or y for conv1)
        Object[][] layers = {
            {"conv1", 20 * 24 * 24, 20 * 24 * 24},
            {"conv2", 40 * 8 * 8, 20 * 12 * 12},
            {"pool1", 20 * 12 * 12, 20 * 24 * 24},
            {"pool2", 40 * 4 * 4, 40 * 8 * 8},
        };
        for (Object[] layer : layers) {
            ConvBenchmark b = new ConvBenchmark();
            b.backend = "scalar";
            b.threads = 1;
            b.layer = (String) layer[0];
            b.setUp();
            assertComputed(b.forward(), ConvBenchmark.BATCH, (int) layer[1]);
            assertComputed(b.forwardBackward(), ConvBenchmark.BATCH, (int) layer[2]);
        }
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(ConvBenchmark.class);
    }
}
