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
 * The packaged jars work on the module path: core and simd as the named modules their
 * {@code module-info} declares, simd found by service binding (core {@code uses} the provider, simd
 * {@code provides} it), and the incubator module resolved by simd's {@code requires}, so the JVM needs
 * no {@code --add-modules jdk.incubator.vector}. Runs after {@code package}, on the real jars.
 */
class ModulePathIT {
    private static final String INCUBATOR = "jdk.incubator.vector";

    @Test
    void simdIsSelectedOnTheModulePathWithoutTheIncubatorFlag() throws Exception {
        // The only root is core, as for an application that requires core alone: simd must come in
        // through its service binding, and the incubator module through simd's requires.
        String output = runModulePathMain("dev.scratchnet.core");
        assertTrue(output.contains("simd from module dev.scratchnet.simd"), output);
        assertTrue(output.contains("Using incubator modules: " + INCUBATOR), output);
    }

    @Test
    void coreWorksAsANamedModule() throws Exception {
        String output = runModulePathMain("dev.scratchnet.core");
        // Layer codecs are services: without "uses" in core's descriptor, loading a model fails here.
        assertTrue(output.contains("loaded model predicts the same: true"), output);
        // A package added to core is API unless someone decides otherwise, here and in module-info.java.
        assertTrue(output.contains("dev.scratchnet.core packages not exported: []"), output);
    }

    @Test
    void simdIsSelectedWithTheIncubatorFlagToo() throws Exception {
        // The README's launch line keeps working when the jars move to the module path.
        String output = runModulePathMain("ALL-MODULE-PATH," + INCUBATOR);
        assertTrue(output.contains("simd from module dev.scratchnet.simd"), output);
    }

    /** Runs {@link dev.scratchnet.modulecheck.ModulePathMain} with the jars on -p and these root modules. */
    private static String runModulePathMain(String addModules) throws Exception {
        Path simdJar = Path.of(System.getProperty("scratchnet.simd.jar"));
        assertTrue(Files.isRegularFile(simdJar), "no packaged jar at " + simdJar);
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String core = find(classPath, "scratchnet-core-", "core" + File.separator + "target" + File.separator + "classes");
        String slf4j = find(classPath, "slf4j-api-", null);
        String testClasses = find(classPath, null, "simd" + File.separator + "target" + File.separator + "test-classes");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(),
                "-p", String.join(File.pathSeparator, core, simdJar.toString(), slf4j),
                "--add-modules", addModules,
                "-cp", testClasses, "dev.scratchnet.modulecheck.ModulePathMain");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        assertEquals(0, process.exitValue(), command + "\n" + output);
        return output;
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
