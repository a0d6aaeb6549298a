package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxPool2dTest {
    private final Backend backend = new ScalarBackend();

    /** Distinct values far apart (steps of 0.1 against h = 0.01), so no finite-difference step changes a winner. */
    private static Tensor spread(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = rows * cols;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.1f * (i - n / 2f);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return Tensor.wrap(rows, cols, values);
    }

    @Test
    void forwardTakesEachWindowsMaximumAndBackwardRoutesToIt() {
        MaxPool2d pool = new MaxPool2d(new Shape(1, 4, 4), 2, 2);
        Tensor x = Tensor.of(new float[] {1, 3, 0, 0, 2, 0, 5, 4, 0, 0, 0, 0, 9, 0, 0, 7});
        assertArrayEquals(new float[] {3, 5, 9, 7}, pool.forward(backend, x).data());
        Tensor gradInput = pool.backward(backend, Tensor.of(new float[] {10, 20, 30, 40}), true);
        assertArrayEquals(new float[] {0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40}, gradInput.data());
        assertNull(pool.backward(backend, Tensor.of(new float[] {10, 20, 30, 40}), false));
    }

    @ParameterizedTest
    @CsvSource({"1, 7, 9, 2, 2", "3, 6, 6, 2, 2", "2, 7, 9, 3, 2", "2, 5, 5, 3, 1", "1, 8, 8, 4, 4"})
    void backwardMatchesFiniteDifferences(int c, int h, int w, int window, int stride) {
        MaxPool2d pool = new MaxPool2d(new Shape(c, h, w), window, stride);
        List<Double> errors = LayerGradients.relativeErrors(pool, backend, spread(2, c * h * w, 3), 4);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0) < 1e-3, "∂L/∂x relative error " + errors.get(0));
    }

    @Test
    void inferMatchesTrainingForwardAndShapesFollowTheWindow() {
        MaxPool2d pool = new MaxPool2d(new Shape(20, 24, 24), 2, 2);
        assertEquals(20 * 12 * 12, pool.outputSize());
        Tensor x = spread(5, pool.inputSize(), 5);
        Tensor y = pool.forward(backend, x).copy();
        assertEquals(y, pool.infer(backend, x));
        assertEquals(7 * 7 * 3, new MaxPool2d(new Shape(3, 15, 15), 3, 2).outputSize());
    }
}
