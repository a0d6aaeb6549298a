package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenseTest {
    private final Backend backend = new ScalarBackend();

    /** A 2→2 layer with W = [1 −1; 2 0.5], b = [0.5 −1]. */
    private Dense layer(Activation f) {
        Dense d = new Dense(2, 2, f, "d");
        System.arraycopy(new float[] {1f, -1f, 2f, 0.5f}, 0, d.weights().value().data(), 0, 4);
        System.arraycopy(new float[] {0.5f, -1f}, 0, d.bias().value().data(), 0, 2);
        return d;
    }

    @Test
    void forwardAndBackwardMatchHandComputedValues() {
        Dense d = layer(Activation.RELU);
        Tensor x = Tensor.of(new float[] {1f, 2f}, new float[] {-1f, 1f});
        // z = x·W + b:
        //   row 0: [1·1 + 2·2 + 0.5, 1·(−1) + 2·0.5 − 1] = [5.5, −1]   → relu [5.5, 0]
        //   row 1: [−1·1 + 1·2 + 0.5, −1·(−1) + 1·0.5 − 1] = [1.5, 0.5] → relu [1.5, 0.5]
        Tensor y = d.forward(backend, x);
        assertArrayEquals(new float[] {5.5f, 0f, 1.5f, 0.5f}, y.data(), 1e-6f);

        Tensor g = Tensor.of(new float[] {1f, 1f}, new float[] {2f, -1f});
        // δ = g ⊙ relu′: row 0 [1, 0] (second unit was off), row 1 [2, −1]
        // ∂L/∂b = column sums of δ = [3, −1]
        // ∂L/∂W = xᵀ·δ = [1·1 + (−1)·2, 1·0 + (−1)·(−1); 2·1 + 1·2, 2·0 + 1·(−1)] = [−1, 1; 4, −1]
        // ∂L/∂x = δ·Wᵀ: row 0 [1·1 + 0·(−1), 1·2 + 0·0.5] = [1, 2]; row 1 [2·1 + (−1)(−1), 2·2 + (−1)·0.5] = [3, 3.5]
        Tensor gradInput = d.backward(backend, g, true);
        assertArrayEquals(new float[] {3f, -1f}, d.bias().grad().data(), 1e-6f);
        assertArrayEquals(new float[] {-1f, 1f, 4f, -1f}, d.weights().grad().data(), 1e-6f);
        assertArrayEquals(new float[] {1f, 2f, 3f, 3.5f}, gradInput.data(), 1e-6f);
    }

    @Test
    void unitWeightsAreTheColumnsOfW() {
        Dense d = layer(Activation.RELU); // W = [1, −1; 2, 0.5]
        UnitWeights units = d.unitWeights().orElseThrow();
        assertEquals(Shape.flat(2), units.field());
        assertArrayEquals(new float[] {1f, 2f, -1f, 0.5f}, units.weights().data()); // unit 0: W[·][0], unit 1: W[·][1]
    }

    @Test
    void itNamesAndCountsItself() {
        Dense d = new Dense(new Shape(3, 2, 2), 5, Activation.TANH, "dense0");
        assertEquals("dense", d.kind());
        assertEquals("5(tanh)", d.describe());
        assertEquals(12, d.inputSize());
        assertEquals(Shape.flat(5), d.outputShape());
        assertEquals(12 * 5 + 5, d.parameterCount());
        assertEquals(Activation.TANH, d.outputActivation());
    }

    @Test
    void sigmoidDerivativeComesFromTheOutput() {
        Dense d = layer(Activation.SIGMOID);
        Tensor x = Tensor.of(new float[] {0f, 0f});
        // z = b = [0.5, −1]; y = σ(z) = [0.622459, 0.268941]; δ = 1 · y(1 − y) = [0.235004, 0.196612]
        d.forward(backend, x);
        d.backward(backend, Tensor.of(new float[] {1f, 1f}), false);
        assertArrayEquals(new float[] {0.235004f, 0.196612f}, d.bias().grad().data(), 1e-6f);
    }

    @Test
    void firstLayerSkipsTheInputGradient() {
        Dense d = layer(Activation.TANH);
        d.forward(backend, new Tensor(3, 2));
        assertNull(d.backward(backend, new Tensor(3, 2), false));
    }

    @Test
    void backwardWithoutForwardOnThatBatchSizeFails() {
        Dense d = layer(Activation.TANH);
        d.forward(backend, new Tensor(3, 2));
        assertThrows(IllegalStateException.class, () -> d.backward(backend, new Tensor(4, 2), true));
    }

    @Test
    void inferMatchesForwardWithoutTouchingTrainingBuffers() {
        Dense d = layer(Activation.LEAKY_RELU);
        Tensor x = Tensor.of(new float[] {1f, -3f});
        Tensor trained = d.forward(backend, x).copy();
        Tensor inferred = d.infer(backend, x);
        assertArrayEquals(trained.data(), inferred.data());
    }
}
