package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.tensor.Tensor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DatasetTest {
    /** Four examples of three inputs; example i has inputs (i, 10+i, 20+i) and label i % 3. */
    private static Dataset small() {
        float[][] inputs = new float[4][];
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            inputs[i] = new float[] {i, 10 + i, 20 + i};
            labels[i] = i % 3;
        }
        return Dataset.ofClasses(inputs, labels, 3);
    }

    private static void rejects(Executable call, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(hint), () -> "message lacks \"" + hint + "\": " + e.getMessage());
    }

    @Test
    void ofClassesBuildsOneHotTargets() {
        Dataset data = small();
        assertEquals(4, data.size());
        assertEquals(3, data.inputSize());
        assertEquals(3, data.outputSize());
        assertEquals(3, data.classes());
        assertTrue(data.hasLabels());
        assertArrayEquals(new int[] {0, 1, 2, 0}, data.labels());
        assertEquals(Tensor.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1},
                new float[] {1, 0, 0}), data.targets());
        assertEquals(12f, data.inputs().get(2, 1));
        assertArrayEquals(new int[] {2, 1, 1}, data.classCounts());
    }

    @Test
    void constructionCopiesItsArguments() {
        float[][] inputs = {{1, 2}, {3, 4}};
        int[] labels = {0, 1};
        Dataset data = Dataset.ofClasses(inputs, labels, 2);
        inputs[0][0] = 99;
        labels[0] = 1;
        assertEquals(1f, data.inputs().get(0, 0));
        assertEquals(0, data.labels()[0]);

        Tensor x = Tensor.of(new float[] {1}, new float[] {2});
        Dataset fromTensors = Dataset.of(x, x, null);
        x.set(0, 0, 99);
        assertEquals(1f, fromTensors.inputs().get(0, 0));
    }

    @Test
    void ofClassesRejectsBadArguments() {
        rejects(() -> Dataset.ofClasses(new float[][] {{1, 2}, {3}}, new int[] {0, 1}, 2),
                "inputs[1] has 1 values but inputs[0] has 2");
        rejects(() -> Dataset.ofClasses(new float[][] {{1}, {2}}, new int[] {0}, 2), "2 inputs but 1 labels");
        rejects(() -> Dataset.ofClasses(new float[][] {{1}, {2}}, new int[] {0, 2}, 2), "labels[1] = 2 is outside 0..1");
        rejects(() -> Dataset.ofClasses(new float[][] {{1}}, new int[] {-1}, 2), "labels[0] = -1");
        rejects(() -> Dataset.ofClasses(new float[0][], new int[0], 2), "inputs is empty");
        rejects(() -> Dataset.ofClasses(new float[][] {{}}, new int[] {0}, 2), "inputs[0] is empty");
        rejects(() -> Dataset.ofClasses(new float[][] {{1}, null}, new int[] {0, 1}, 2), "inputs[1] is null");
        rejects(() -> Dataset.ofClasses(new float[][] {{1, Float.NaN}}, new int[] {0}, 2), "inputs[0][1] is NaN");
        rejects(() -> Dataset.ofClasses(new float[][] {{1}}, new int[] {0}, 1), "at least 2 classes");
    }

    @Test
    void ofTargetsMakesARegressionDataset() {
        Dataset data = Dataset.ofTargets(new float[][] {{1, 2}, {3, 4}, {5, 6}}, new float[][] {{0.5f}, {-1}, {7}});
        assertEquals(3, data.size());
        assertEquals(1, data.outputSize());
        assertFalse(data.hasLabels());
        assertNull(data.labels());
        assertEquals(0, data.classes());
        assertEquals(-1f, data.targets().get(1, 0));
        assertThrows(IllegalStateException.class, data::classCounts);
        rejects(() -> Dataset.ofTargets(new float[][] {{1}, {2}}, new float[][] {{1}}), "2 inputs but 1 targets");
        rejects(() -> Dataset.ofTargets(new float[][] {{1}}, new float[][] {{Float.POSITIVE_INFINITY}}),
                "targets[0][0] is Infinity");
        rejects(() -> Dataset.ofTargets(new float[][] {{1}, {2}}, new float[][] {{1}, {2, 3}}), "targets[1] has 2 values");
    }

    @Test
    void ofTensorsChecksRowsLabelsAndValues() {
        Tensor x = Tensor.of(new float[] {1, 2}, new float[] {3, 4});
        Tensor y = Tensor.of(new float[] {0.9f, 0.1f}, new float[] {0.1f, 0.9f});
        Dataset data = Dataset.of(x, y, new int[] {0, 1});
        assertEquals(2, data.classes());
        assertEquals(0.9f, data.targets().get(0, 0));
        rejects(() -> Dataset.of(x, Tensor.of(new float[] {1}), null), "inputs are 2×2 but targets are 1×1");
        rejects(() -> Dataset.of(x, y, new int[] {0}), "2 rows but 1 labels");
        rejects(() -> Dataset.of(x, y, new int[] {0, 2}), "labels[1] = 2 is outside 0..1");
        Tensor nan = x.copy();
        nan.set(1, 0, Float.NaN);
        rejects(() -> Dataset.of(nan, y, null), "inputs (1, 0) is NaN");
    }

    @Test
    void sliceCopiesARange() {
        Dataset data = small();
        Dataset middle = data.slice(1, 3);
        assertEquals(2, middle.size());
        assertEquals(Tensor.of(new float[] {1, 11, 21}, new float[] {2, 12, 22}), middle.inputs());
        assertArrayEquals(new int[] {1, 2}, middle.labels());
        assertEquals(3, middle.classes());
        assertEquals(data.targets().get(1, 1), middle.targets().get(0, 1));
        middle.inputs().set(0, 0, 99);
        assertEquals(1f, data.inputs().get(1, 0));
        rejects(() -> data.slice(2, 2), "[2, 2)");
        rejects(() -> data.slice(-1, 2), "inside [0, 4)");
        rejects(() -> data.slice(3, 5), "inside [0, 4)");
    }

    @Test
    void fillBatchCopiesTheRowsInTheGivenOrder() {
        Dataset data = small();
        Batch batch = new Batch(2, 3, 3);
        int[] order = {3, 1, 0, 2};
        data.fillBatch(order, 0, batch);
        assertEquals(Tensor.of(new float[] {3, 13, 23}, new float[] {1, 11, 21}), batch.inputs());
        assertEquals(Tensor.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}), batch.targets());
        assertArrayEquals(new int[] {0, 1}, batch.labels());
        data.fillBatch(order, 2, batch);
        assertEquals(Tensor.of(new float[] {0, 10, 20}, new float[] {2, 12, 22}), batch.inputs());
        assertArrayEquals(new int[] {0, 2}, batch.labels());
    }

    @Test
    void fillBatchOfSomeRowsFillsThoseRowsAsTheWholeBatchWouldAndLeavesTheOthers() {
        Dataset data = small();
        int[] order = {3, 1, 0, 2};
        Batch whole = new Batch(3, 3, 3);
        data.fillBatch(order, 1, whole);
        Batch parts = new Batch(3, 3, 3);
        data.fillBatch(order, 1, parts, 2, 3); // the last part first
        assertEquals(Tensor.of(new float[] {0, 0, 0}, new float[] {0, 0, 0}, new float[] {2, 12, 22}), parts.inputs(),
                "rows 0 and 1 are not touched");
        data.fillBatch(order, 1, parts, 0, 2);
        assertEquals(whole.inputs(), parts.inputs());
        assertEquals(whole.targets(), parts.targets());
        assertArrayEquals(whole.labels(), parts.labels());
        assertThrows(IndexOutOfBoundsException.class, () -> data.fillBatch(order, 1, parts, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> data.fillBatch(order, 1, parts, 2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> data.fillBatch(order, 1, parts, -1, 1));
    }

    @Test
    void fillBatchMarksMissingLabels() {
        Dataset data = Dataset.ofTargets(new float[][] {{1}, {2}}, new float[][] {{3}, {4}});
        Batch batch = new Batch(2, 1, 1);
        data.fillBatch(new int[] {1, 0}, 0, batch);
        assertEquals(Tensor.of(new float[] {4}, new float[] {3}), batch.targets());
        assertArrayEquals(new int[] {-1, -1}, batch.labels());
    }

    @Test
    void fillBatchRejectsBadArguments() {
        Dataset data = small();
        rejects(() -> data.fillBatch(new int[] {0, 1}, 0, new Batch(2, 4, 3)),
                "batch holds 4 inputs and 3 outputs per example, dataset has 3 and 3");
        IndexOutOfBoundsException tooFew = assertThrows(IndexOutOfBoundsException.class,
                () -> data.fillBatch(new int[] {0, 1, 2}, 2, new Batch(2, 3, 3)));
        assertTrue(tooFew.getMessage().contains("order of length 3"), tooFew.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> data.fillBatch(new int[] {0, 1}, -1, new Batch(2, 3, 3)));
        IndexOutOfBoundsException badIndex = assertThrows(IndexOutOfBoundsException.class,
                () -> data.fillBatch(new int[] {0, 4}, 0, new Batch(2, 3, 3)));
        assertTrue(badIndex.getMessage().contains("order[1] = 4"), badIndex.getMessage());
    }

    @Test
    void fillBatchDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        int size = 1000;
        float[][] inputs = new float[size][784];
        int[] labels = new int[size];
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            inputs[i][i % 784] = 1f;
            labels[i] = i % 10;
            order[i] = size - 1 - i;
        }
        Dataset data = Dataset.ofClasses(inputs, labels, 10);
        Batch batch = new Batch(50, 784, 10);
        long thread = Thread.currentThread().getId();
        int calls = 10_000;
        for (int i = 0; i < calls; i++) { // warm up, so that compilation happens before measuring
            data.fillBatch(order, (i * 50) % size, batch);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < calls; i++) {
            data.fillBatch(order, (i * 50) % size, batch);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The JVM itself may allocate a little on this thread meanwhile (about a kilobyte was seen),
        // but even one 16-byte object per call would be 160 KB.
        assertTrue(allocated < calls, () -> calls + " fillBatch calls allocated " + allocated + " bytes");
        assertEquals(labels[order[(calls - 1) * 50 % size]], batch.labels()[0]);
    }

    @Test
    void toStringSummarizesTheShape() {
        assertEquals("Dataset of 4 examples, 3 inputs → 3 outputs (3 classes)", small().toString());
    }
}
