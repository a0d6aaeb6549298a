package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class LanesTest {
    @Test
    void unsetPropertyMeansThePreferredWidth() {
        assertEquals(new Lanes.Choice(512, null), Lanes.choose(null, 512));
        assertEquals(new Lanes.Choice(256, null), Lanes.choose(" ", 256));
    }

    @Test
    void sumAddsTheLanesInTheDocumentedPairwiseOrder() {
        int lanes = Lanes.SPECIES.length();
        float[] a = new float[lanes];
        // Large values that cancel, and small ones that vanish next to them unless added in the right order.
        for (int i = 0; i < lanes; i++) {
            a[i] = i % 4 == 0 ? 1e8f : i % 4 == 2 ? -1e8f : 1f + i;
        }
        float expected = pairwise(a, 0, lanes);
        float inLaneOrder = 0f;
        for (float v : a) {
            inLaneOrder += v;
        }
        assertNotEquals(inLaneOrder, expected, "the test values must tell the two orders apart");
        FloatVector v = FloatVector.fromArray(Lanes.SPECIES, a, 0);
        float[] scratch = Lanes.scratch();
        for (int pass = 0; pass < 20_000; pass++) { // interpreted at first, compiled later: the same result
            v.intoArray(scratch, 0);
            assertEquals(expected, Lanes.sum(scratch));
        }
    }

    @Test
    void maxTreatsZerosAndNanAsMathMaxDoes() {
        int lanes = Lanes.SPECIES.length();
        float[] a = new float[lanes];
        Arrays.fill(a, -0f);
        a[lanes - 1] = 0f;
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Lanes.max(a.clone())));
        Arrays.fill(a, -3f);
        a[1] = 7f;
        assertEquals(7f, Lanes.max(a.clone()));
        a[lanes - 2] = Float.NaN;
        assertTrue(Float.isNaN(Lanes.max(a.clone())));
    }

    /**
     * The order Lanes.sum documents: lane i of the lanes [from, from + n) plus lane i + n/2 for the first
     * half, then the same on those n/2 sums; written as the recursion it amounts to.
     */
    private static float pairwise(float[] a, int from, int n) {
        if (n == 1) {
            return a[from];
        }
        float[] half = new float[n / 2];
        for (int i = 0; i < n / 2; i++) {
            half[i] = a[from + i] + a[from + i + n / 2];
        }
        return pairwise(half, 0, n / 2);
    }

    @Test
    void pinnedWidthIsUsedWhenTheCpuHasIt() {
        assertEquals(new Lanes.Choice(128, null), Lanes.choose("128", 512));
        assertEquals(new Lanes.Choice(256, null), Lanes.choose(" 256 ", 512));
        assertEquals(new Lanes.Choice(512, null), Lanes.choose("512", 512));
    }

    @Test
    void invalidWidthIsAProblemThatNamesTheAllowedValues() {
        for (String bad : new String[] {"64", "300", "wide", "1024"}) {
            Lanes.Choice choice = Lanes.choose(bad, 512);
            assertEquals(512, choice.bits());
            assertTrue(choice.problem().contains("must be 128, 256 or 512") && choice.problem().contains(bad),
                    choice.problem());
        }
    }

    @Test
    void widthAboveTheHardwareIsRefusedRatherThanEmulated() {
        Lanes.Choice choice = Lanes.choose("512", 256);
        assertEquals(256, choice.bits());
        assertTrue(choice.problem().contains("wider than this CPU's 256-bit vectors"), choice.problem());
    }

    @Test
    void kernelsUseThePinnedWidth() {
        String pinned = System.getProperty(Lanes.BITS_PROPERTY);
        assertNull(Lanes.PROBLEM);
        if (pinned != null) {
            assertEquals(Integer.parseInt(pinned), VectorBackend.vectorBits());
        }
        assertEquals(2 * Lanes.SPECIES.length(), MatmulKernel.NR);
    }

    @Test
    void theProductTileFitsTheRegistersTheWidthImplies() {
        // 512 bits: AVX-512's 32 registers hold the 8-row tile; narrower: assume 16 (AVX2), 6 rows.
        int expected = Lanes.SPECIES.vectorBitSize() >= 512 ? EightRowTile.ROWS : SixRowTile.ROWS;
        assertEquals(expected, MatmulKernel.MR);
    }
}
