package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Fork;

/** Checks the benchmark tests share. */
final class BenchmarkChecks {
    private BenchmarkChecks() {
    }

    /** The forked JVMs must get the incubator flag exactly as the parent POM spells it. */
    static void forkAddsTheVectorModule(Class<?> benchmark) {
        String flag = System.getProperty("vector.module.flag");
        assertNotNull(flag, "surefire passes vector.module.flag from the parent POM");
        Fork fork = benchmark.getAnnotation(Fork.class);
        assertNotNull(fork, benchmark.getSimpleName() + " has @Fork");
        assertTrue(Arrays.asList(fork.jvmArgsAppend()).contains(flag),
                benchmark.getSimpleName() + " @Fork(jvmArgsAppend) must contain " + flag + " (the parent POM's "
                        + "vector.module.flag), has " + Arrays.toString(fork.jvmArgsAppend()));
    }

    /** A benchmark result must be real numbers of the expected shape, and not all zero. */
    static void assertComputed(Tensor t, int rows, int cols) {
        assertTrue(t.rows() == rows && t.cols() == cols, "expected " + rows + "×" + cols + ", got " + t.shape());
        assertTrue(t.isFinite(), "result has NaN or infinity");
        boolean nonZero = false;
        for (float v : t.data()) {
            nonZero |= v != 0f;
        }
        assertTrue(nonZero, "result is all zeros");
    }
}
