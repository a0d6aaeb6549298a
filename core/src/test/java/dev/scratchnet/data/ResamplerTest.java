package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    @Test
    void aConstantPlaneStaysConstantAtAnySize() {
        float[] plane = new float[7 * 5];
        java.util.Arrays.fill(plane, 0.4f);
        for (int[] size : new int[][] {{3, 2}, {7, 9}, {11, 1}, {1, 1}, {16, 16}}) {
            float[] out = Resampler.resize(plane, 7, 5, size[0], size[1]);
            assertEquals(size[0] * size[1], out.length);
            for (float v : out) {
                assertEquals(0.4f, v, 1e-6f);
            }
        }
    }

    @Test
    void areaAveragingByANonIntegerRatioKeepsTheMeanAndWeighsPartialPixels() {
        float[] row = {0f, 3f, 6f};
        float[] out = Resampler.resize(row, 1, 3, 1, 2);
        // Output 0 covers source [0, 1.5): pixel 0 whole, half of pixel 1 → (0 + 0.5·3) / 1.5 = 1.
        assertArrayEquals(new float[] {1f, 5f}, out, 1e-6f);
        assertEquals(mean(row), mean(out), 1e-6f);
    }

    @Test
    void anUnchangedSizeReturnsThePlaneItself() {
        float[] plane = {1f, 2f};
        assertSame(plane, Resampler.resize(plane, 1, 2, 1, 2));
    }
}
