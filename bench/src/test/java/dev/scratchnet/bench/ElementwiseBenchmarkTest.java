package dev.scratchnet.bench;

import static dev.scratchnet.bench.BenchmarkChecks.assertComputed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs each benchmark once without JMH, so a broken benchmark fails the build, not a long run. */
class ElementwiseBenchmarkTest {
    private final ElementwiseBenchmark bench = new ElementwiseBenchmark();

    @Test
    void activationsRunOnceWithScalar() {
        for (String activation : new String[] {"identity", "sigmoid", "tanh", "relu", "leaky-relu"}) {
            ElementwiseBenchmark.ActivationState s = new ElementwiseBenchmark.ActivationState();
            s.backend = "scalar";
            s.size = "64x128";
            s.activation = activation;
            s.setUp();
            assertComputed(bench.activationForward(s), 64, 128);
            assertComputed(bench.activationBackward(s), 64, 128);
        }
    }

    @Test
    void otherKernelsRunOnceWithScalar() {
        ElementwiseBenchmark.KernelState s = new ElementwiseBenchmark.KernelState();
        s.backend = "scalar";
        s.size = "64x128";
        s.setUp();
        assertComputed(bench.softmax(s), 64, 128);
        assertTrue(bench.softmaxCrossEntropy(s) > 0);
        assertTrue(bench.meanSquaredError(s) > 0);
        assertComputed(bench.sgdStep(s), 64, 128);
        assertComputed(bench.momentumStep(s), 64, 128);
        assertComputed(bench.adamStep(s), 64, 128);
        assertEquals(1, s.adamSteps, "each Adam call is the next step, for the bias correction");
    }

    @Test
    void badSizeSaysTheFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseBenchmark.rowsCols("64by128"));
        assertTrue(e.getMessage().contains("ROWSxCOLS"), e.getMessage());
    }

    @Test
    void forkAddsTheVectorModule() {
        BenchmarkChecks.forkAddsTheVectorModule(ElementwiseBenchmark.class);
    }
}
