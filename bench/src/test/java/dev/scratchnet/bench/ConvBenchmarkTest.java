package dev.scratchnet.bench;

import static dev.scratchnet.bench.BenchmarkChecks.assertComputed;

import org.junit.jupiter.api.Test;

/** Runs each layer's benchmark once without JMH, so a broken benchmark fails the build, not a long run. */
class ConvBenchmarkTest {

    @Test
    void bothLayersRunForwardAndBackwardWithScalar() {
        for (String layer : new String[] {"conv1", "conv2"}) {
            ConvBenchmark b = new ConvBenchmark();
            b.backend = "scalar";
            b.threads = 1;
            b.layer = layer;
            b.setUp();
            int outputs = layer.equals("conv1") ? 20 * 24 * 24 : 40 * 8 * 8;
            assertComputed(b.forward(), ConvBenchmark.BATCH, outputs);
            assertComputed(b.forwardBackward(), ConvBenchmark.BATCH, layer.equals("conv1") ? outputs : 20 * 12 * 12);
        }
    }

    @Test
    void bothPoolsRunForwardAndBackwardWithScalar() {
        for (String layer : new String[] {"pool1", "pool2"}) {
            ConvBenchmark b = new ConvBenchmark();
            b.backend = "scalar";
            b.threads = 1;
            b.layer = layer;
            b.setUp();
            boolean first = layer.equals("pool1");
            assertComputed(b.forward(), ConvBenchmark.BATCH, first ? 20 * 12 * 12 : 40 * 4 * 4);
            assertComputed(b.forwardBackward(), ConvBenchmark.BATCH, first ? 20 * 24 * 24 : 40 * 8 * 8);
        }
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(ConvBenchmark.class);
    }
}
