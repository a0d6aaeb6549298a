package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    private static final Tensor TABLE = Tensor.wrap(3, 2, new float[] {1, 10, 2, 10, 3, 10});

    @Test
    void perFeatureGivesEachColumnZeroMeanAndUnitDeviation() {
        Standardization s = Standardization.fitPerFeature(TABLE);
        assertArrayEquals(new float[] {2f, 10f}, s.mean());
        // Column 0 is 1, 2, 3: population deviation sqrt(2/3). Column 1 is constant, so its deviation is stored as 1.
        assertArrayEquals(new float[] {(float) Math.sqrt(2.0 / 3.0), 1f}, s.std(), 1e-7f);
        float[] row = {3f, 10f};
        s.applyInPlace(row);
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(2.0 / 3.0)), 0f}, row, 1e-6f);
        assertFalse(s.isGlobal());
    }

    @Test
    void globalUsesOneMeanAndDeviationForAllValues() {
        Standardization s = Standardization.fitGlobal(Tensor.wrap(2, 2, new float[] {0, 0, 2, 2}));
        assertTrue(s.isGlobal());
        assertArrayEquals(new float[] {1f}, s.mean());
        assertArrayEquals(new float[] {1f}, s.std());
        float[] row = {0f, 4f, 1f};
        s.applyInPlace(row); // a global one fits any length
        assertArrayEquals(new float[] {-1f, 3f, 0f}, row);
    }

    @Test
    void applyStandardizesACopyAndKeepsTheLabels() {
        Dataset data = Dataset.ofClasses(new float[][] {{1, 10}, {2, 10}, {3, 10}}, new int[] {0, 1, 1}, 2);
        Standardization s = Standardization.fitPerFeature(data.inputs());
        Dataset standardized = s.apply(data);
        assertEquals(1f, data.inputs().get(0, 0), "the original is untouched");
        assertEquals(0f, standardized.inputs().get(1, 0));
        assertEquals(0f, standardized.inputs().get(2, 1));
        assertArrayEquals(data.labels(), standardized.labels());
        assertEquals(2, standardized.classes());
    }

    @Test
    void perFeatureRejectsAnInputOfAnotherWidth() {
        Standardization s = Standardization.fitPerFeature(TABLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.applyInPlace(new float[3]));
        assertTrue(e.getMessage().contains("fitted on 2 features but the input has 3"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveDeviationsAndMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new float[] {0, 1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new Standardization(new float[] {Float.NaN}, new float[] {1}));
    }

    @Test
    void isAValueThatCannotBeChangedFromOutside() {
        float[] mean = {1f};
        Standardization s = new Standardization(mean, new float[] {2f});
        mean[0] = 5f;
        s.mean()[0] = 7f;
        assertArrayEquals(new float[] {1f}, s.mean());
        assertEquals(s, new Standardization(new float[] {1f}, new float[] {2f}));
        assertTrue(Standardization.NONE.isIdentity());
        assertEquals(Standardization.NONE, Standardization.Mode.NONE.fit(TABLE));
    }

    @Test
    void preprocessingAppliesTheScaleThenTheStandardization() {
        Preprocessing p = new Preprocessing(0.5f, new Standardization(new float[] {1f, 2f}, new float[] {2f, 4f}));
        float[] raw = {4f, 8f};
        p.applyToRaw(raw);
        assertArrayEquals(new float[] {0.5f, 0.5f}, raw); // (4·0.5 − 1)/2 and (8·0.5 − 2)/4
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(0f, Standardization.NONE));
    }
}
