package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void buffersHaveTheRequestedShapes() {
        Batch batch = new Batch(32, 784, 10);
        assertEquals(32, batch.size());
        assertEquals("32×784", batch.inputs().shape());
        assertEquals("32×10", batch.targets().shape());
        assertEquals(32, batch.labels().length);
    }

    @Test
    void sizesBelowOneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Batch(0, 784, 10));
        assertTrue(e.getMessage().contains("0, 784 and 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Batch(4, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Batch(4, 784, -1));
    }
}
