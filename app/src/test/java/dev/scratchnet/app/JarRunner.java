package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged scratchnet.jar in a child JVM, the way a user would. */
final class JarRunner {
    static final long TIMEOUT_SECONDS = 180;

    /** What a finished run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** The last stderr line: the error sentence comes after any log lines. */
        String lastErrLine() {
            List<String> lines = err.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private JarRunner() {
    }

    static Path jar() {
        String path = System.getProperty("scratchnet.jar", "");
        if (path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            fail("-Dscratchnet.jar must name the shaded jar (failsafe sets it after package), got '" + path + "'");
        }
        return Path.of(path);
    }

    /** The heap the README promises is enough for a full MNIST run. */
    static final String DOCUMENTED_HEAP = "-Xmx256m";

    static List<String> command(boolean vectorModule, String... args) {
        return commandWithHeap(vectorModule, "-Xmx1g", args);
    }

    static List<String> commandWithHeap(boolean vectorModule, String heap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        if (vectorModule) {
            command.add(System.getProperty("scratchnet.vector.flag", "--add-modules=jdk.incubator.vector"));
        }
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, true, args);
    }

    static Result run(Path workDir, boolean vectorModule, String... args) throws IOException, InterruptedException {
        return start(workDir, vectorModule, args).finish();
    }

    /** A child JVM whose output goes to temporary files (pipes could fill up and stall it). */
    record Running(Process process, Path out, Path err) {
        Result finish() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("scratchnet did not finish within " + TIMEOUT_SECONDS + " s\n" + Files.readString(out)
                            + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        String outSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }

    static Running start(Path workDir, boolean vectorModule, String... args) throws IOException {
        return startWithHeap(workDir, vectorModule, "-Xmx1g", args);
    }

    static Running startWithHeap(Path workDir, boolean vectorModule, String heap, String... args) throws IOException {
        return startWithEnvironment(workDir, vectorModule, Map.of(), heap, args);
    }

    /** A run with extra environment variables, for example a locale. */
    static Result runWithEnvironment(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return startWithEnvironment(workDir, true, environment, "-Xmx1g", args).finish();
    }

    static Running startWithEnvironment(Path workDir, boolean vectorModule, Map<String, String> environment, String heap,
            String... args) throws IOException {
        Path out = Files.createTempFile("scratchnet-out", ".txt");
        Path err = Files.createTempFile("scratchnet-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(commandWithHeap(vectorModule, heap, args)).directory(workDir.toFile());
        builder.environment().remove(DatasetFiles.DATA_ENV);
        builder.environment().putAll(environment);
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        return new Running(builder.start(), out, err);
    }
}
