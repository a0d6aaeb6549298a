package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void keepsAboutOneMinusPAndScalesSoTheMeanIsUnchanged() {
        Dropout dropout = new Dropout(1000, 0.3f);
        dropout.reseed(new SplittableRandom(1));
        Tensor x = new Tensor(100, 1000);
        java.util.Arrays.fill(x.data(), 1f);
        Tensor y = dropout.forward(new ScalarBackend(), x);
        int kept = 0;
        double sum = 0;
        for (float v : y.data()) {
            if (v != 0f) {
                kept++;
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
            sum += v;
        }
        assertEquals(0.7, kept / 100_000.0, 0.01);
        assertEquals(1.0, sum / 100_000.0, 0.02);
    }

    @Test
    void backwardPassesGradientThroughTheSameMask() {
        Dropout dropout = new Dropout(50, 0.5f);
        Tensor x = new Tensor(4, 50);
        java.util.Arrays.fill(x.data(), 2f);
        Tensor y = dropout.forward(new ScalarBackend(), x).copy();
        Tensor g = new Tensor(4, 50);
        java.util.Arrays.fill(g.data(), 1f);
        Tensor gradInput = dropout.backward(new ScalarBackend(), g, true);
        for (int i = 0; i < y.size(); i++) {
            assertEquals(y.data()[i] / 2f, gradInput.data()[i], 1e-6f);
        }
    }

    @Test
    void inferenceIsTheIdentity() {
        Tensor x = new Tensor(2, 3);
        assertSame(x, new Dropout(3, 0.5f).infer(new ScalarBackend(), x));
    }

    @Test
    void rateOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(3, 1f));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(3, -0.1f));
    }
}
