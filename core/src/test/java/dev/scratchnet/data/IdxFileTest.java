package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IdxFileTest {
    private static final Path SOURCE = Path.of("images-idx3-ubyte");

    @Test
    void countAndItemSizeFollowTheDimensions() {
        IdxFile images = new IdxFile(SOURCE, new int[] {2, 3, 4}, new byte[24]);
        assertEquals(2, images.count());
        assertEquals(12, images.itemSize());
        assertEquals("2×3×4", images.shape());
        IdxFile labels = new IdxFile(SOURCE, new int[] {5}, new byte[5]);
        assertEquals(5, labels.count());
        assertEquals(1, labels.itemSize());
    }

    @Test
    void dimensionsCannotBeChangedFromOutside() {
        int[] shape = {2, 2};
        IdxFile idx = new IdxFile(SOURCE, shape, new byte[4]);
        shape[0] = 99;
        idx.dimensions()[1] = 99;
        assertArrayEquals(new int[] {2, 2}, idx.dimensions());
    }

    @Test
    void shapeMustMatchTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdxFile(SOURCE, new int[] {2, 3}, new byte[5]));
        assertTrue(e.getMessage().contains("2×3 needs 6 bytes, data has 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IdxFile(SOURCE, new int[] {0}, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new IdxFile(SOURCE, new int[0], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new IdxFile(SOURCE, new int[] {1, 1, 1, 1, 1}, new byte[1]));
    }

    @Test
    void equalityComparesContents() {
        IdxFile a = new IdxFile(SOURCE, new int[] {2}, new byte[] {1, 2});
        assertEquals(a, new IdxFile(SOURCE, new int[] {2}, new byte[] {1, 2}));
        assertEquals(a.hashCode(), new IdxFile(SOURCE, new int[] {2}, new byte[] {1, 2}).hashCode());
        assertNotEquals(a, new IdxFile(SOURCE, new int[] {2}, new byte[] {1, 3}));
        assertNotEquals(a, new IdxFile(SOURCE, new int[] {1, 2}, new byte[] {1, 2}));
        assertEquals("IdxFile images-idx3-ubyte 2", a.toString());
    }
}
