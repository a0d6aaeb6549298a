package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * activationBackward splits large batches by rows across threads: every value is computed on its own, so
 * the split must give the bits of one thread, and the scalar backend's values.
 */
class ActivationGradientsTest {
    // Rows × columns just below the split threshold (32,768) and above it, with columns that leave every
    // share, and the whole, starting and ending off a vector boundary; 128 × 512 is the deep network's first
    // hidden layer, 64 × 11,520 the CNN's first layer.
    @ParameterizedTest
    @CsvSource({"64, 511", "65, 505", "128, 512", "129, 1021", "7, 18725", "64, 11520", "3, 43691"})
    void theSplitGivesTheBitsOfOneThread(int rows, int cols) {
        Tensor y = random(rows, cols, 1), g = random(rows, cols, 2);
        for (Activation f : Activation.values()) {
            Tensor expected = new Tensor(rows, cols), one = new Tensor(rows, cols);
            new ScalarBackend().activationBackward(f, y, g, expected);
            new VectorBackend(1).activationBackward(f, y, g, one);
            assertArrayEquals(expected.data(), one.data(), 1e-6f, f + " against the scalar backend");
            for (int threads : new int[] {2, 3}) {
                Tensor split = random(rows, cols, 3); // garbage must be overwritten
                new VectorBackend(threads).activationBackward(f, y, g, split);
                assertArrayEquals(one.data(), split.data(), f + " on " + threads + " threads, " + rows + "×" + cols);
            }
        }
    }

    /** Values in (−1, 1), as outputs of tanh; the others' derivatives are defined there too. */
    private static Tensor random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }
}
