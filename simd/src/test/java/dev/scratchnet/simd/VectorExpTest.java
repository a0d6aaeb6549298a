package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.model.SyntheticData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * VectorExp against {@link Math#exp}: the error bounds its class comment states, the special values,
 * and the vector lanes against the scalar twin, bit for bit.
 */
class VectorExpTest {
    private static final double MAX_ULPS_NORMAL = 0.88;
    private static final double MAX_ULPS_SUBNORMAL = 0.86;
    /** About two million floats spread over the range; a prime stride, so every exponent's mantissas are hit differently. */
    private static final int STRIDE = 1009;

    @Test
    void scalarIsWithinTheStatedUlpsOfMathExpOverTheWholeRange() {
        float[] x = sample();
        for (float v : x) {
            checkAccuracy(v, VectorExp.exp(v));
        }
    }

    @Test
    void vectorLanesGiveTheScalarBitsOverTheWholeRange() {
        float[] x = sample();
        float[] out = new float[x.length];
        float[] lanes = Lanes.scratch();
        // Run twice: the first pass may use the Vector API's Java fallback, the second compiled code.
        for (int pass = 0; pass < 2; pass++) {
            VectorExp.exp(x, out, 0, x.length, 1f, 0f, Float.NEGATIVE_INFINITY, lanes);
            for (int i = 0; i < x.length; i++) {
                float scalar = VectorExp.exp(x[i]);
                if (Float.floatToRawIntBits(out[i]) != Float.floatToRawIntBits(scalar)) {
                    fail("exp(" + x[i] + "): lane " + out[i] + ", scalar " + scalar);
                }
            }
        }
    }

    @Test
    void scaleShiftAndFloorAreAppliedAsTheScalarTwinAppliesThem() {
        float[] x = SyntheticData.uniform(1, 1000, 7).data();
        for (int i = 0; i < x.length; i++) {
            x[i] *= 100f; // beyond both ends of the exponent range after the scale
        }
        float[] out = new float[x.length];
        float[][] cases = {{-1f, 0f, Float.NEGATIVE_INFINITY}, {-2f, 0f, Float.NEGATIVE_INFINITY}, {1f, -37.5f, -80f}};
        for (float[] c : cases) {
            // From index 3, so that the vector loop starts off the array's start and a tail is left.
            float sum = VectorExp.exp(x, out, 3, x.length, c[0], c[1], c[2], Lanes.scratch());
            double exactSum = 0;
            for (int i = 3; i < x.length; i++) {
                float scalar = VectorExp.exp(Math.max(Math.fma(c[0], x[i], c[1]), c[2]));
                assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(out[i]), "at " + i);
                assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(VectorExp.exp(x[i], c[0], c[1], c[2])));
                exactSum += out[i];
            }
            assertEquals(exactSum, sum, 1e-5 * exactSum, "the sum of the results");
        }
    }

    @Test
    void specialValuesComeOutAsMathExpGivesThem() {
        assertEquals(1f, VectorExp.exp(0f));
        assertEquals(1f, VectorExp.exp(-0f));
        assertEquals(0f, VectorExp.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, VectorExp.exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(VectorExp.exp(Float.NaN)));
        assertEquals(0f, VectorExp.exp(-1e30f));
        assertEquals(0f, VectorExp.exp(-104f));
        assertEquals(Float.POSITIVE_INFINITY, VectorExp.exp(1e30f));
        assertEquals(Float.POSITIVE_INFINITY, VectorExp.exp(89f));
        assertEquals(1f, VectorExp.exp(Float.MIN_VALUE));
        assertEquals(1f, VectorExp.exp(-Float.MIN_VALUE));
        // e^MIN_LOG_PROBABILITY, the smallest probability the fused softmax gradient takes, is a normal float.
        assertTrue(VectorExp.exp(Backend.MIN_LOG_PROBABILITY) >= Float.MIN_NORMAL);
    }

    @Test
    void roundingIsRightAtTheEdgesOfTheRange() {
        // Every float near where eˣ overflows, turns subnormal, and rounds to 0: the results flip at
        // the same inputs as the correctly rounded ones, give or take the stated error.
        for (float edge : new float[] {88.72284f, -87.33655f, -103.97208f, -80f, -104f, 89f}) {
            int bits = Float.floatToRawIntBits(edge);
            for (int d = -5000; d <= 5000; d++) {
                float v = Float.intBitsToFloat(bits + d);
                checkAccuracy(v, VectorExp.exp(v));
            }
        }
    }

    /** Fails unless e is within the stated error of eᵛ; where eᵛ rounds to +∞, e must be +∞. */
    private static void checkAccuracy(float v, float e) {
        double exact = Math.exp(v);
        float rounded = (float) exact;
        if (Float.isInfinite(rounded)) {
            assertEquals(Float.POSITIVE_INFINITY, e, "exp(" + v + ")");
            return;
        }
        boolean subnormal = rounded < Float.MIN_NORMAL;
        double ulps = Math.abs(e - exact) / Math.ulp(subnormal ? Float.MIN_VALUE : rounded);
        double bound = subnormal ? MAX_ULPS_SUBNORMAL : MAX_ULPS_NORMAL;
        if (!(ulps <= bound)) {
            fail("exp(" + v + ") = " + e + " but e^" + v + " = " + exact + ": " + ulps + " ulp, more than " + bound);
        }
    }

    /** Every STRIDE-th float from −0 down to −110 and from +0 up to 95 (beyond both clamps), plus the edges. */
    private static float[] sample() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -1f, 1f, VectorExp.MIN_X,
            VectorExp.MAX_X, -103.97208f, -87.33655f, 88.72284f, Backend.MIN_LOG_PROBABILITY,
            Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MAX_VALUE, Float.MAX_VALUE};
        int negativeEnd = Float.floatToRawIntBits(110f), positiveEnd = Float.floatToRawIntBits(95f);
        float[] x = new float[edges.length + negativeEnd / STRIDE + positiveEnd / STRIDE + 2];
        int n = 0;
        for (float e : edges) {
            x[n++] = e;
        }
        for (int bits = 0; bits <= negativeEnd; bits += STRIDE) {
            x[n++] = -Float.intBitsToFloat(bits);
        }
        for (int bits = 0; bits <= positiveEnd; bits += STRIDE) {
            x[n++] = Float.intBitsToFloat(bits);
        }
        return Arrays.copyOf(x, n);
    }
}
