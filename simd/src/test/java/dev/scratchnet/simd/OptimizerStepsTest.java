package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimizer updates split large parameters across threads: the split must give the same bits as one
 * thread (every share starts on a whole vector, the last one alone runs the scalar tail), and the same
 * values as the scalar backend up to rounding.
 */
class OptimizerStepsTest {
    // Sizes around the split threshold; + 35 leaves a ragged tail at every vector width (35 = 2·16 + 3).
    @ParameterizedTest
    @ValueSource(ints = {OptimizerSteps.SPLIT_MIN_VALUES - 1, OptimizerSteps.SPLIT_MIN_VALUES,
            OptimizerSteps.SPLIT_MIN_VALUES + 35, 3 * OptimizerSteps.SPLIT_MIN_VALUES + 1})
    void momentumGivesTheSameBitsOnOneTwoAndThreeThreads(int size) {
        for (boolean nesterov : new boolean[] {false, true}) {
            float[][] one = momentumSteps(new VectorBackend(1), size, nesterov);
            assertArrayEquals(one[0], momentumSteps(new VectorBackend(2), size, nesterov)[0], "weights, 2 threads");
            assertArrayEquals(one[1], momentumSteps(new VectorBackend(2), size, nesterov)[1], "velocity, 2 threads");
            assertArrayEquals(one[0], momentumSteps(new VectorBackend(3), size, nesterov)[0], "weights, 3 threads");
            assertClose(momentumSteps(new ScalarBackend(), size, nesterov)[0], one[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {OptimizerSteps.SPLIT_MIN_VALUES - 1, OptimizerSteps.SPLIT_MIN_VALUES + 35,
            3 * OptimizerSteps.SPLIT_MIN_VALUES + 1})
    void adamGivesTheSameBitsOnOneTwoAndThreeThreads(int size) {
        float[][] one = adamSteps(new VectorBackend(1), size);
        float[][] two = adamSteps(new VectorBackend(2), size);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], two[i], "array " + i + ", 2 threads");
        }
        assertArrayEquals(one[0], adamSteps(new VectorBackend(3), size)[0], "weights, 3 threads");
        assertClose(adamSteps(new ScalarBackend(), size)[0], one[0]);
    }

    /** Three momentum steps from the same seeded start; returns weights and velocity. */
    private static float[][] momentumSteps(Backend backend, int size, boolean nesterov) {
        Tensor w = random(size, 1), v = new Tensor(1, size);
        for (int step = 0; step < 3; step++) {
            backend.momentumStep(w, random(size, 10 + step), v, 0.05f, 0.9f, 1e-4f, nesterov);
        }
        return new float[][] {w.data(), v.data()};
    }

    /** Three Adam steps from the same seeded start; returns weights and both moments. */
    private static float[][] adamSteps(Backend backend, int size) {
        Tensor w = random(size, 2), m = new Tensor(1, size), v = new Tensor(1, size);
        for (int step = 1; step <= 3; step++) {
            backend.adamStep(w, random(size, 20 + step), m, v, 0.001f, 0.9f, 0.999f, 1e-8f, step, 1e-4f);
        }
        return new float[][] {w.data(), m.data(), v.data()};
    }

    private static Tensor random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(1, size);
        for (int i = 0; i < size; i++) {
            t.data()[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return t;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "value " + i);
        }
    }
}
