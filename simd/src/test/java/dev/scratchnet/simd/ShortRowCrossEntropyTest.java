package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cross-entropy of rows shorter than a vector takes its exponentials in vectors over the whole batch
 * once it has {@link VectorBackend#SHORT_ROWS_VECTOR_EXP_MIN_VALUES} values, and one by one below that. Both
 * must give the bits of the one-by-one formula, for the gradient and the loss, at every vector width
 * (the surefire executions pin 128 and 256 bits too).
 */
class ShortRowCrossEntropyTest {
    @ParameterizedTest(name = "{0} rows")
    // Below the threshold, at it, and past it with a tail that is not a whole vector.
    @ValueSource(ints = {16, 52, 64, 171, 200})
    void vectorsOverTheBatchGiveTheBitsOfOneByOne(int rows) {
        int cols = Math.min(10, Lanes.SPECIES.length() - 1); // shorter than one vector at every width
        Tensor logits = SyntheticData.uniform(rows, cols, 21);
        for (int i = 0; i < logits.size(); i++) {
            logits.data()[i] *= 100f; // some shifted values below MIN_LOG_PROBABILITY, so the floor is taken
        }
        Tensor targets = SyntheticData.oneHot(rows, cols, 22);
        float[] expected = new float[rows * cols];
        double expectedLoss = oneByOne(logits.data(), targets.data(), expected, rows, cols);
        // Twice: the first call may run the Vector API's Java fallback, the second compiled code.
        for (int pass = 0; pass < 2; pass++) {
            Tensor grad = SyntheticData.uniform(rows, cols, 23); // garbage that must be overwritten
            double loss = new VectorBackend(1).softmaxCrossEntropy(logits, targets, grad);
            assertArrayEquals(expected, grad.data(), rows + "×" + cols + ", pass " + pass);
            assertEquals(expectedLoss, loss, 0.0, "loss, " + rows + "×" + cols);
        }
    }

    /** The formula of VectorBackend's short rows with every exponential taken by the scalar twin, in order. */
    private static double oneByOne(float[] z, float[] y, float[] grad, int m, int n) {
        double loss = 0;
        for (int i = 0; i < m; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[i * n + j]);
            }
            for (int j = 0; j < n; j++) {
                float shifted = z[i * n + j] - max;
                if (y[i * n + j] != 0f) {
                    loss -= y[i * n + j] * shifted;
                }
                grad[i * n + j] = VectorExp.exp(shifted, 1f, 0f, Backend.MIN_LOG_PROBABILITY);
            }
        }
        for (int i = 0; i < m; i++) {
            float sum = 0f, targetSum = 0f;
            for (int j = 0; j < n; j++) {
                sum += grad[i * n + j];
                targetSum += y[i * n + j];
            }
            loss += targetSum * StrictMath.log(sum);
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                grad[i * n + j] = VectorBackend.flushTiny((grad[i * n + j] * inv - y[i * n + j]) * (1f / m));
            }
        }
        return loss;
    }
}
