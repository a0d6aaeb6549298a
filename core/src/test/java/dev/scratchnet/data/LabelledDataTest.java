package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelledDataTest {
    /** 100 examples; example i has the single input i and class 0 for i < 80, class 1 otherwise. */
    private static LabelledData unbalanced() {
        float[][] inputs = new float[100][1];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            inputs[i][0] = i;
            labels[i] = i < 80 ? 0 : 1;
        }
        DatasetInfo info = new DatasetInfo("test", List.of("a", "b"), 1, null, Preprocessing.IDENTITY);
        return new LabelledData(Dataset.ofClasses(inputs, labels, 2), null, info);
    }

    private static Set<Float> inputs(Dataset data) {
        Set<Float> values = new HashSet<>();
        for (float v : data.inputs().data()) {
            values.add(v);
        }
        return values;
    }

    @Test
    void stratifiedHoldOutTakesTheFractionOfEveryClass() {
        LabelledData split = unbalanced().withHeldOutTest(0.25, new SplittableRandom(1), true);
        assertArrayEquals(new int[] {20, 5}, split.test().classCounts());
        assertArrayEquals(new int[] {60, 15}, split.train().classCounts());
        Set<Float> train = inputs(split.train());
        Set<Float> test = inputs(split.test());
        assertEquals(100, train.size() + test.size());
        train.retainAll(test);
        assertTrue(train.isEmpty(), "no example is in both parts");
        float[] x = split.test().inputs().data();
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i - 1] < x[i], "each part keeps the original order");
        }
    }

    @Test
    void holdOutIsReproducibleForASeedAndDiffersBetweenSeeds() {
        float[] a = unbalanced().withHeldOutTest(0.3, new SplittableRandom(7), false).test().inputs().data();
        float[] b = unbalanced().withHeldOutTest(0.3, new SplittableRandom(7), false).test().inputs().data();
        float[] c = unbalanced().withHeldOutTest(0.3, new SplittableRandom(8), false).test().inputs().data();
        assertEquals(30, a.length);
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }

    @Test
    void anExistingTestSetIsKept() {
        LabelledData data = unbalanced();
        LabelledData withTest = new LabelledData(data.train(), data.train().slice(0, 10), data.info());
        assertSame(withTest, withTest.withHeldOutTest(0.5, new SplittableRandom(1), true));
    }

    @Test
    void aFractionThatEmptiesAPartIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unbalanced().withHeldOutTest(0.001, new SplittableRandom(1), false));
        assertTrue(e.getMessage().contains("leaves no test examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> unbalanced().withHeldOutTest(1.0, new SplittableRandom(1), false));
    }

    @Test
    void standardizationIsFittedOnTheTrainingSetOnlyAndRecorded() {
        LabelledData data = unbalanced().withHeldOutTest(0.2, new SplittableRandom(3), true)
                .standardized(Standardization.Mode.PER_FEATURE);
        Standardization fitted = data.info().preprocessing().standardization();
        assertEquals(Standardization.fitPerFeature(unbalanced().withHeldOutTest(0.2, new SplittableRandom(3), true)
                .train().inputs()), fitted);
        double mean = 0;
        for (float v : data.train().inputs().data()) {
            mean += v;
        }
        assertEquals(0, mean / data.train().size(), 1e-5);
        assertThrows(IllegalStateException.class, () -> data.standardized(Standardization.Mode.GLOBAL));
    }

    @Test
    void infoRejectsDuplicateClassNamesAndAMismatchedImage() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetInfo("x", List.of("a", "a"), 1, null, Preprocessing.IDENTITY));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetInfo("x", List.of("a", "b"), 10, new ImageGeometry(1, 3, 3), Preprocessing.PIXELS));
        DatasetInfo info = new DatasetInfo("x", List.of("a", "b"), 9, new ImageGeometry(1, 3, 3), Preprocessing.PIXELS);
        assertEquals("b", info.className(1));
        assertEquals(9, info.imageGeometry().orElseThrow().size());
    }

    private static byte[] bytes(DatasetInfo info) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        info.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DatasetInfo read(byte[] bytes) throws IOException {
        return DatasetInfo.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void infoSurvivesItsBinaryFormWithClassNamesGeometryAndStandardization() throws IOException {
        DatasetInfo image = new DatasetInfo("Fashion-MNIST", IdxFolder.FASHION_MNIST_CLASSES, 12,
                new ImageGeometry(3, 2, 2), new Preprocessing(1f / 255f, new Standardization(new float[] {0.28f},
                new float[] {0.35f})));
        assertEquals(image, read(bytes(image)));
        LabelledData table = unbalanced().withHeldOutTest(0.2, new SplittableRandom(3), true)
                .standardized(Standardization.Mode.PER_FEATURE);
        assertEquals(table.info(), read(bytes(table.info())));
    }

    @Test
    void damagedInfoBytesFailWithAMessageAndNoHugeAllocation() throws IOException {
        DatasetInfo info = new DatasetInfo("x", List.of("a", "b"), 1_000_000_000, null, Preprocessing.IDENTITY);
        byte[] good = bytes(info);
        byte[] version = good.clone();
        version[0] = 9;
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(version));
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
        // Claim a per-feature standardization of 10⁹ values, then end: an early end, not an 8 GB array.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(good, 0, good.length - 12);
        out.writeInt(1_000_000_000);
        out.writeFloat(0f);
        assertThrows(EOFException.class, () -> read(bytes.toByteArray()));
        byte[] noStd = good.clone();
        noStd[noStd.length - 4] = 0; // the deviation 1f (3f 80 00 00) becomes 0f
        noStd[noStd.length - 3] = 0;
        assertTrue(assertThrows(DataFormatException.class, () -> read(noStd)).getMessage().contains("damaged"));
    }
}
