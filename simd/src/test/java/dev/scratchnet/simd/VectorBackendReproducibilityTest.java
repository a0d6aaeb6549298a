package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.ScalarBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same bits: training on the simd backend ends with the same weights, bit for bit, whether
 * the Vector API ran its plain-Java fallback (a child JVM with {@code -Xint}, where nothing is
 * compiled) or compiled vector code (this JVM, after warming up), and for one thread or two. The
 * scalar backend is held to the first of these too.
 */
class VectorBackendReproducibilityTest {
    /** Enough repetitions here for C2 to compile the kernels, with the vector intrinsics, on the way. */
    private static final int REPETITIONS = 40;

    @TempDir
    Path dir;

    @Test
    void trainingGivesTheSameBitsInterpretedAndCompiled() throws Exception {
        int[][] interpreted = runInterpretedChild();
        // Every repetition must match: the first runs mix interpreted, C1 and C2 code, the last are C2's.
        for (int i = 0; i < REPETITIONS; i++) {
            assertSameBits(interpreted[0], ReproducibleTraining.small(VectorBackend::new),
                    "simd, -Xint against this JVM's run " + (i + 1));
            assertSameBits(interpreted[1], ReproducibleTraining.small(threads -> new ScalarBackend()),
                    "scalar, -Xint against this JVM's run " + (i + 1));
        }
    }

    @Test
    void trainingGivesTheSameBitsOnOneAndTwoThreads() {
        int batch = ReproducibleTraining.LARGE_BATCH;
        assertEquals(2, MatmulKernel.shares(batch, 128, 784, 2), "the first product must be split for this test to mean anything");
        for (int i = 0; i < 3; i++) {
            assertSameBits(ReproducibleTraining.large(new VectorBackend(1)), ReproducibleTraining.large(new VectorBackend(2)),
                    "1 thread against 2, run " + (i + 1));
        }
    }

    /** Trains {@link ReproducibleTraining#small} in a JVM that never compiles, with this JVM's vector width. */
    private int[][] runInterpretedChild() throws Exception {
        Path out = dir.resolve("interpreted.bits");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "-Xmx512m", "--add-modules=jdk.incubator.vector",
                // This JVM's width, not the child's own preferred one: under -XX:UseAVX=2 this JVM prefers 256 bits
                // while a child without the flag would choose 512, and different widths give different sums.
                "-D" + Lanes.BITS_PROPERTY + "=" + Lanes.SPECIES.vectorBitSize()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReproducibleTraining.class.getName(),
                out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the -Xint JVM did not finish in 10 minutes");
        }
        String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "the -Xint JVM failed:" + System.lineSeparator() + log);
        assertTrue(Files.isRegularFile(out), "the -Xint JVM wrote no " + out + ":" + System.lineSeparator() + log);
        return ReproducibleTraining.read(out);
    }

    /** Equal int arrays, or a message naming the first value that differs, as floats and as bits. */
    private static void assertSameBits(int[] expected, int[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": different sizes");
        int differing = 0, first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        if (differing > 0) {
            fail(String.format("%s: %d of %d values differ; the first, at %d, is %s (%08x) against %s (%08x)", what,
                    differing, expected.length, first, Float.intBitsToFloat(expected[first]), expected[first],
                    Float.intBitsToFloat(actual[first]), actual[first]));
        }
    }
}
