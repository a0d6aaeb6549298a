package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void unitMapsBytesToTheUnitInterval() {
        assertEquals(0f, Normalization.UNIT.apply(0));
        assertEquals(1f, Normalization.UNIT.apply(255), 1e-7f);
        assertEquals(128f / 255f, Normalization.UNIT.apply(128), 1e-7f);
        assertEquals(200f, Normalization.RAW.apply(200));
    }

    @Test
    void standardizeSubtractsTheMeanAndDividesByTheDeviation() {
        Normalization n = Normalization.standardize(0.1307f, 0.3081f);
        assertEquals(-0.1307f / 0.3081f, n.apply(0), 1e-5f);
        assertEquals((1f - 0.1307f) / 0.3081f, n.apply(255), 1e-5f);
    }

    @Test
    void tableHoldsEveryPossibleResult() {
        Normalization n = new Normalization(0.5f, -3f);
        float[] table = n.table();
        assertEquals(256, table.length);
        for (int b = 0; b < 256; b++) {
            assertEquals(n.apply(b), table[b]);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(Float.NaN, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(1f, Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Normalization.standardize(0.5f, 0f));
        assertThrows(IllegalArgumentException.class, () -> Normalization.standardize(0.5f, -1f));
        assertThrows(IllegalArgumentException.class, () -> Normalization.UNIT.apply(256));
        assertThrows(IllegalArgumentException.class, () -> Normalization.UNIT.apply(-1));
    }
}
