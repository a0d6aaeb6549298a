package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Backends;
import org.junit.jupiter.api.Test;

/** With the incubator module loaded (the default surefire execution). */
class VectorBackendProviderTest {
    @Test
    void availableWhenTheModuleIsLoaded() {
        VectorBackendProvider provider = new VectorBackendProvider();
        assertTrue(provider.availability().available(), () -> provider.availability().reason());
        assertTrue(provider.priority() > 0, "preferred over scalar");
    }

    @Test
    void simdIsSelectedByNameAndByAuto() {
        assertEquals("simd", Backends.select("simd", 3).name());
        assertEquals(3, Backends.select("simd", 3).threads());
        assertEquals("simd", Backends.select("auto").name());
        assertEquals(Runtime.getRuntime().availableProcessors(), Backends.select("simd").threads());
        assertTrue(Backends.names().contains("simd"));
    }

    @Test
    void threadCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new VectorBackend(0));
    }
}
