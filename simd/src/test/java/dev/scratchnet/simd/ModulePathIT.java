package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars work on the module path too: core and simd as automatic modules, the simd
 * provider found through its service registration, and its class loaded from the named module.
 * Runs after {@code package}, on the real jar.
 */
class ModulePathIT {
    @Test
    void simdIsSelectedFromTheModulePath() throws Exception {
        Path simdJar = Path.of(System.getProperty("scratchnet.simd.jar"));
        assertTrue(Files.isRegularFile(simdJar), "no packaged jar at " + simdJar);
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String core = find(classPath, "scratchnet-core-", "core" + File.separator + "target" + File.separator + "classes");
        String slf4j = find(classPath, "slf4j-api-", null);
        String testClasses = find(classPath, null, "simd" + File.separator + "target" + File.separator + "test-classes");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "-p", String.join(File.pathSeparator, core, simdJar.toString(), slf4j),
                "--add-modules", "ALL-MODULE-PATH,jdk.incubator.vector",
                "-cp", testClasses, "dev.scratchnet.modulecheck.ModulePathMain")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("simd from module dev.scratchnet.simd"), output);
    }

    /** The class-path entry whose file name starts with jarPrefix (not a test jar), or that ends with folder. */
    private static String find(List<String> classPath, String jarPrefix, String folder) {
        for (String entry : classPath) {
            String name = Path.of(entry).getFileName().toString();
            if (jarPrefix != null && name.startsWith(jarPrefix) && name.endsWith(".jar") && !name.endsWith("-tests.jar")) {
                return entry;
            }
            if (folder != null && entry.endsWith(folder)) {
                return entry;
            }
        }
        throw new AssertionError("nothing like " + jarPrefix + " or " + folder + " on the class path: " + classPath);
    }
}
