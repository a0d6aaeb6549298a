package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanesTest {
    @Test
    void unsetPropertyMeansThePreferredWidth() {
        assertEquals(new Lanes.Choice(512, null), Lanes.choose(null, 512));
        assertEquals(new Lanes.Choice(256, null), Lanes.choose(" ", 256));
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
}
