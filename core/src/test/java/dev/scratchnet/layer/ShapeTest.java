package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void anImageIsChannelsTimesHeightTimesWidth() {
        Shape mnist = new Shape(1, 28, 28);
        assertEquals(784, mnist.size());
        assertTrue(mnist.isImage());
        assertEquals("1×28×28", mnist.toString());
        assertEquals("20×12×12", new Shape(20, 12, 12).toString());
    }

    @Test
    void aFlatShapeIsAPlainVector() {
        Shape flat = Shape.flat(128);
        assertEquals(new Shape(128, 1, 1), flat);
        assertEquals(128, flat.size());
        assertFalse(flat.isImage());
        assertEquals("128", flat.toString());
    }

    @Test
    void badDimensionsAreRefusedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Shape(1, 0, 28));
        assertTrue(e.getMessage().contains("1×0×28"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Shape(1 << 16, 1 << 8, 1 << 8));
    }
}
