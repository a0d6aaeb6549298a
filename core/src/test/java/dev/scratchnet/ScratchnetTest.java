package dev.scratchnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchnetTest {
    @Test
    void versionComesFromTheBuild() {
        assertTrue(Scratchnet.version().matches("\\d+\\.\\d+\\.\\d+.*"), Scratchnet.version());
    }

    @Test
    void aPropertyIsReadUnderItsNewName() {
        List<String> warnings = new ArrayList<>();
        Map<String, String> properties = Map.of("scratchnet.backend", "scalar", "nn.backend", "simd");
        assertEquals("scalar", Scratchnet.property("scratchnet.backend", properties::get, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theOldNameStillWorksWithOneDeprecationLine() {
        List<String> warnings = new ArrayList<>();
        Map<String, String> properties = Map.of("nn.simd.bits", "128");
        assertEquals("128", Scratchnet.property("scratchnet.simd.bits", properties::get, warnings::add));
        assertEquals(List.of("the system property nn.simd.bits is deprecated; use scratchnet.simd.bits instead"),
                warnings);
        assertNull(Scratchnet.property("scratchnet.threads", properties::get, warnings::add));
        assertEquals(1, warnings.size());
    }

    @Test
    void theOldBackendNameReachesBackendsSelect() {
        System.setProperty("nn.backend", "no-such-backend");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Backends.select(null, 1));
            assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
        } finally {
            System.clearProperty("nn.backend");
        }
    }

    @Test
    void onlyScratchnetPropertiesAreRead() {
        assertThrows(IllegalArgumentException.class, () -> Scratchnet.property("user.home"));
    }
}
