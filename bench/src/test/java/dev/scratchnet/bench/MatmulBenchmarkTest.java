package dev.scratchnet.bench;

import static dev.scratchnet.bench.BenchmarkChecks.assertComputed;

import org.junit.jupiter.api.Test;

/** Runs the benchmark once without JMH, so a broken benchmark fails the build, not a 40-minute run. */
class MatmulBenchmarkTest {

    @Test
    void everyFormRunsOnceWithScalar() {
        MatmulBenchmark b = new MatmulBenchmark();
        b.backend = "scalar";
        b.threads = 1;
        b.shape = "64x128x10";
        b.setUp();
        assertComputed(b.matmul(), 64, 10);
        assertComputed(b.matmulTransposeA(), 64, 10);
        assertComputed(b.matmulTransposeB(), 64, 10);
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(MatmulBenchmark.class);
    }
}
