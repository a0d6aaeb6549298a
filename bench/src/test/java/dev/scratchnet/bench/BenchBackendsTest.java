package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchBackendsTest {

    @Test
    void scalarIsAlwaysThere() {
        assertEquals("scalar", BenchBackends.select("scalar", 1).name());
        assertNull(BenchBackends.unavailableReason("scalar"));
    }

    @Test
    void simdWithoutTheModuleFailsWithOneSentenceAndNoStackTrace() {
        // Surefire starts this JVM without --add-modules, so simd is either absent or unavailable.
        BenchBackends.Unavailable e = assertThrows(BenchBackends.Unavailable.class,
                () -> BenchBackends.select("simd", 1));
        assertTrue(e.getMessage().contains("-p backend=scalar"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "JMH prints the trace; it would only hide the message");
        assertTrue(BenchBackends.unavailableReason("simd") != null);
    }

    @Test
    void unknownBackendIsUnavailableWithTheKnownNames() {
        BenchBackends.Unavailable e = assertThrows(BenchBackends.Unavailable.class,
                () -> BenchBackends.select("gpu", 1));
        assertTrue(e.getMessage().contains("known: auto") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void badThreadCountIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> BenchBackends.select("scalar", 0));
    }
}
