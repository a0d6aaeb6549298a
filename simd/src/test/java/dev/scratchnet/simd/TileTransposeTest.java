package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TileTranspose} against the definition, with the offsets and strides packing gives it. */
class TileTransposeTest {
    private static final int SIDE = TileTranspose.SIDE;

    @Test
    void aTileIsWrittenTransposedAndNothingElseIsTouched() {
        assumeTrue(TileTranspose.APPLIES, "only for 16 and 8 lanes (512 and 256 bits)");
        int srcStride = 37, srcOff = 5, dstStride = 32, dstOff = 16 + 3 * dstStride;
        SplittableRandom random = new SplittableRandom(4);
        float[] src = new float[srcOff + SIDE * srcStride];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) random.nextDouble(-1, 1);
        }
        float[] dst = new float[dstOff + SIDE * dstStride + 7];
        Arrays.fill(dst, Float.NaN);
        float[] expected = dst.clone();
        for (int r = 0; r < SIDE; r++) {
            for (int q = 0; q < SIDE; q++) {
                expected[dstOff + q * dstStride + r] = src[srcOff + r * srcStride + q];
            }
        }
        TileTranspose.transpose(src, srcOff, srcStride, dst, dstOff, dstStride);
        assertArrayEquals(expected, dst);
    }
}
