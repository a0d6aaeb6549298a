package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.BackendProvider;
import dev.scratchnet.backend.BackendUnavailableException;
import dev.scratchnet.backend.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the surefire execution that starts the JVM without --add-modules jdk.incubator.vector,
 * as a user would who forgot the flag.
 */
class VectorBackendProviderWithoutModuleTest {
    @BeforeAll
    static void moduleReallyIsMissing() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without the incubator module");
    }

    @Test
    void autoFallsBackToScalar() {
        assertEquals("scalar", Backends.select("auto").name());
    }

    @Test
    void explicitSimdWithoutModuleFailsWithHint() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.select("simd"));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        assertTrue(e.getMessage().contains("--backend scalar"), e.getMessage());
    }

    @Test
    void providerIsStillListedButUnavailable() {
        BackendProvider.Availability availability = new VectorBackendProvider().availability();
        assertFalse(availability.available());
        assertTrue(Backends.names().contains("simd"));
    }
}
