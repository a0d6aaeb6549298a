package dev.scratchnet.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for tests of a full disk or a read-only folder: a tmpfs mounted on a
 * folder. Permission bits cannot fake these (root ignores them), so the tests mount one. Where
 * mounting is not permitted (no root, a restricted container) the test is skipped with the reason.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code size} (for example {@code 64k}) on {@code dir}, creating the folder.
     *
     * @param readOnly mount it read-only
     * @return the mount; close it to unmount
     */
    public static Tmpfs mount(Path dir, String size, boolean readOnly) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String options = "size=" + size + (readOnly ? ",ro" : "");
        Result r = run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
        assumeTrue(r.code == 0, "mounting a tmpfs is not permitted here: " + r.output);
        return new Tmpfs(dir);
    }

    /** @return the folder the file system is mounted on */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = run(List.of("umount", "-l", dir.toString()));
        if (r.code != 0) {
            throw new IOException("could not unmount " + dir + ": " + r.output);
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noMountCommand) {
            return new Result(-1, noMountCommand.getMessage());
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
