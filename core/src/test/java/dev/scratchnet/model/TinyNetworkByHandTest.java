package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.layer.Dense;
import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Forward and backward through a two-layer network, every number worked out by hand. */
class TinyNetworkByHandTest {
    @Test
    void forwardLossAndEveryGradientMatchTheHandComputation() {
        Network net = Network.builder().input(2).dense(2, Activation.RELU).dense(2, Activation.IDENTITY).build();
        Dense hidden = (Dense) net.layers().get(0), out = (Dense) net.layers().get(1);
        set(hidden.weights().value(), 1, 0, 0, 1);  // W1 = I
        set(hidden.bias().value(), 0, 0);
        set(out.weights().value(), 1, -1, 0, 2);    // W2 = [1 −1; 0 2]
        set(out.bias().value(), 0, 0);

        Tensor x = Tensor.of(new float[] {1, 2});
        Tensor y = Tensor.of(new float[] {1, 0});  // class 0
        // h = relu(x·W1 + b1) = [1, 2]
        // z = h·W2 + b2 = [1·1 + 2·0, 1·(−1) + 2·2] = [1, 3]
        Tensor z = net.forward(x);
        assertArrayEquals(new float[] {1, 3}, z.data(), 1e-6f);

        // p = softmax(z) = [1, e²] / (1 + e²) = [0.119203, 0.880797]; L = −log 0.119203 = 2.126928
        Tensor gradZ = new Tensor(1, 2);
        double loss = net.loss().lossAndGradient(net.backend(), z, y, gradZ);
        assertEquals(2.126928, loss, 1e-5);
        // δ2 = p − y = [−0.880797, 0.880797]
        assertArrayEquals(new float[] {-0.880797f, 0.880797f}, gradZ.data(), 1e-5f);

        net.backward(gradZ);
        // ∂L/∂b2 = δ2;  ∂L/∂W2 = hᵀ·δ2 = [1; 2]·[−0.880797, 0.880797]
        assertArrayEquals(new float[] {-0.880797f, 0.880797f}, out.bias().grad().data(), 1e-5f);
        assertArrayEquals(new float[] {-0.880797f, 0.880797f, -1.761594f, 1.761594f}, out.weights().grad().data(), 1e-5f);
        // g_h = δ2·W2ᵀ = [−0.880797·1 + 0.880797·(−1), −0.880797·0 + 0.880797·2] = [−1.761594, 1.761594]
        // δ1 = g_h ⊙ relu′(h) = g_h (both units are on);  ∂L/∂b1 = δ1;  ∂L/∂W1 = xᵀ·δ1 = [1; 2]·δ1
        assertArrayEquals(new float[] {-1.761594f, 1.761594f}, hidden.bias().grad().data(), 1e-5f);
        assertArrayEquals(new float[] {-1.761594f, 1.761594f, -3.523188f, 3.523188f},
                hidden.weights().grad().data(), 1e-5f);
    }

    private static void set(Tensor t, float... values) {
        System.arraycopy(values, 0, t.data(), 0, values.length);
    }
}
