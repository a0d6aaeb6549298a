package dev.scratchnet.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void scalarIsAlwaysKnownAndSelectable() {
        assertTrue(Backends.names().contains("scalar"));
        assertEquals("scalar", Backends.select("scalar").name());
        assertEquals("scalar", Backends.select("SCALAR", 1).name());
    }

    @Test
    void autoPicksAnAvailableBackend() {
        assertTrue(Backends.names().contains(Backends.select("auto").name()));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("gpu"));
        assertTrue(e.getMessage().contains("gpu") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void threadCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Backends.select("scalar", 0));
    }
}
