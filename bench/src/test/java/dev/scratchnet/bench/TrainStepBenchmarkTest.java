package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs each network's step without JMH, so a broken benchmark fails the build, not a long run. */
class TrainStepBenchmarkTest {

    @Test
    void everyNetworkStepsWithScalarAndLearns() {
        for (BenchNetwork network : BenchNetwork.values()) {
            TrainStepBenchmark b = new TrainStepBenchmark();
            b.backend = "scalar";
            b.threads = 1;
            b.network = network.cliName();
            b.setUp();
            double first = b.step();
            assertTrue(Double.isFinite(first) && first > 0, network + " loss " + first);
            // After one pass over the batches, the first batch must fit better: the step really trains.
            for (int i = 1; i < TrainStepBenchmark.BATCHES; i++) {
                b.step();
            }
            double again = b.step();
            assertTrue(again < first, network + ": loss " + first + " then " + again + " on the same batch");
        }
    }

    @Test
    void restartPutsBackTheInitialWeightsAndOptimizer() {
        TrainStepBenchmark b = new TrainStepBenchmark();
        b.backend = "scalar";
        b.threads = 1;
        b.network = "relu128";
        b.setUp();
        b.restart();
        double first = b.step();
        for (int i = 0; i < 5; i++) {
            b.step();
        }
        b.restart();
        assertEquals(first, b.step(), 0.0, "after restart the first step sees the same weights and batch");
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(TrainStepBenchmark.class);
    }
}
