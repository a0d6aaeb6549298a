package dev.scratchnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchnetTest {
    @Test
    void versionComesFromTheBuild() {
        assertTrue(Scratchnet.version().matches("\\d+\\.\\d+\\.\\d+.*"), Scratchnet.version());
    }
}
