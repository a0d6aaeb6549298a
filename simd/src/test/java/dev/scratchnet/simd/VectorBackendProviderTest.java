package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Backends;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void providerClassMentionsNoVectorApiType() throws IOException {
        // A JVM without the module must be able to load and ask the provider; the class file's constant
        // pool would name any jdk.incubator.vector type the provider used.
        try (InputStream in = VectorBackendProvider.class.getResourceAsStream("VectorBackendProvider.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(!classFile.contains("jdk/incubator/vector"), "the provider references a Vector API type");
        }
    }
}
