package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./scratchnet launcher at the repository root runs the freshly packaged jar with the Vector API. */
class LauncherIT {
    @TempDir
    Path work;

    @Test
    void launcherRunsTheJarWithTheVectorModule() throws Exception {
        Path root = JarRunner.jar().toAbsolutePath().getParent().getParent().getParent();
        Path launcher = root.resolve("scratchnet");
        assumeTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "gradcheck", "--backend", "simd")
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx128m");
        Process process = builder.start();
        assertTrue(process.waitFor(JarRunner.TIMEOUT_SECONDS, TimeUnit.SECONDS), "launcher did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, process.exitValue(), stderr);
        assertTrue(Files.readString(out).contains("32 of 32 parameter tensors agree"), Files.readString(out));
        assertTrue(!stderr.contains("building"), "the jar was just packaged, so the launcher must not rebuild it:\n" + stderr);
    }
}
