package dev.scratchnet.bench;

import static dev.scratchnet.bench.BenchmarkChecks.assertComputed;

import org.junit.jupiter.api.Test;

/** Runs each network's inference without JMH, so a broken benchmark fails the build, not a long run. */
class InferenceBenchmarkTest {

    @Test
    void everyNetworkPredictsWithScalar() {
        for (BenchNetwork network : BenchNetwork.values()) {
            InferenceBenchmark b = new InferenceBenchmark();
            b.backend = "scalar";
            b.threads = 1;
            b.network = network.cliName();
            b.setUp();
            assertComputed(b.predict(), InferenceBenchmark.IMAGES, BenchNetwork.CLASSES);
        }
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(InferenceBenchmark.class);
    }
}
