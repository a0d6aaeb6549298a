package dev.scratchnet.app;

import dev.scratchnet.io.AtomicFiles;
import dev.scratchnet.io.NetworkFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks where a command will write before it starts: a model file only ever replaces a model
 * file, never one of the run's own inputs, and the folder must take new files. Found now, these
 * problems cost a second; found after the first epoch, they cost the epoch, or the user's data.
 */
final class OutputPaths {
    /** The files a report folder gets; none of them may be an input of the run. */
    static final List<String> REPORT_FILES = List.of("metrics.csv", "metrics.json", "learning-curves.png",
            "confusion-matrix.png", "misclassified.png", "first-layer-weights.png");

    private OutputPaths() {
    }

    /**
     * @param flag how the user named the path, for the message
     * @param target the model file to be written
     * @param inputs files the run reads
     */
    static void checkModelFile(String flag, Path target, List<Path> inputs) throws IOException {
        if (Files.isDirectory(target)) {
            throw new CliFailure(flag + " " + target + " is a folder; give a file name, for example "
                    + target.resolve("mnist.snet"));
        }
        refuseInputs(flag, target, inputs);
        if (Files.isRegularFile(target) && !NetworkFormat.looksLikeModel(target)) {
            throw new CliFailure(flag + " " + target + " exists and is not a Scratchnet model, so it will not be "
                    + "replaced; choose another file name, or move that file away first");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new CliFailure(flag + " " + target + " is not a regular file; choose another file name");
        }
        writable(target);
    }

    /**
     * @param flag how the user named the folder, for the message
     * @param dir the report folder
     * @param inputs files the run reads
     */
    static void checkReportFolder(String flag, Path dir, List<Path> inputs) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliFailure(flag + " " + dir + " is a file, not a folder; give a folder for the report "
                    + "(it gets " + String.join(", ", REPORT_FILES) + ")");
        }
        for (String name : REPORT_FILES) {
            refuseInputs(flag, dir.resolve(name), inputs);
            if (Files.isDirectory(dir.resolve(name))) {
                throw new CliFailure(flag + " " + dir + " holds a folder named " + name + " where the report writes "
                        + "that file; choose another report folder");
            }
        }
        writable(dir.resolve(REPORT_FILES.get(0)));
    }

    private static void refuseInputs(String flag, Path target, List<Path> inputs) throws IOException {
        for (Path input : inputs) {
            if (same(target, input)) {
                throw new CliFailure(flag + " " + target + " is an input of this run"
                        + (target.equals(input) ? "" : " (" + input + ")") + ", so it will not be overwritten; "
                        + "write to another file");
            }
        }
    }

    private static boolean same(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static void writable(Path target) {
        try {
            AtomicFiles.checkWritable(target);
        } catch (IOException e) {
            throw new CliFailure(Failures.describe(e), e);
        }
    }
}
