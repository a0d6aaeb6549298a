package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.testing.Tmpfs;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.snm");
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aSymbolicLinkPlantedAtTheTemporaryNameIsNeverWrittenThrough() throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path file = dir.resolve("model.snm");
        Files.createSymbolicLink(dir.resolve(".model.snm.tmp"), victim);
        AtomicFiles.write(file, new byte[] {7});
        assertEquals("precious", Files.readString(victim));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        assertFalse(Files.isSymbolicLink(file));
    }

    @Test
    void temporaryFilesLeftByAKilledProcessAreRemovedAndLiveOnesKept() throws Exception {
        Path file = dir.resolve("model.snm");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = dir.resolve(".model.snm." + ended.pid() + ".0123456789abcdef.tmp");
        Path legacy = dir.resolve(".model.snm.tmp");
        Path live = dir.resolve(".model.snm." + ProcessHandle.current().pid() + ".fedcba9876543210.tmp");
        Path otherFile = dir.resolve(".other.snm." + ended.pid() + ".0123456789abcdef.tmp");
        for (Path p : List.of(stale, legacy, live, otherFile)) {
            Files.write(p, new byte[5000]);
        }
        AtomicFiles.write(file, new byte[] {7});
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        assertEquals(List.of(live, file, otherFile).stream().sorted().toList(), list().stream().sorted().toList(),
                "only this target's leftovers of ended processes go");
    }

    @Test
    void twoWritersOfOneFileNeverMixTheirBytes() throws Exception {
        Path file = dir.resolve("model.snm");
        byte[] a = new byte[200_000];
        byte[] b = new byte[300_000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] content : List.of(a, b)) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        AtomicFiles.write(file, content);
                        byte[] seen = Files.readAllBytes(file);
                        assertTrue(Arrays.equals(seen, a) || Arrays.equals(seen, b), "a mixed or cut file of "
                                + seen.length + " bytes");
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(file), list());
    }

    @Test
    void aNewFileGetsThePermissionsOfAPlainNewFileAndAReplacedOneKeepsItsOwn() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.write(dir.resolve("plain"), new byte[] {1});
        Path file = dir.resolve("model.snm");
        AtomicFiles.write(file, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(file, new byte[] {2});
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void aFolderAtTheTargetIsNamedInTheMessage() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model.snm"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[] {1}));
        assertTrue(e.getMessage().contains(folder + ": is a folder, not a file"), e.getMessage());
        IOException check = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(folder));
        assertTrue(check.getMessage().contains("is a folder"), check.getMessage());
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesTheOldOne() throws Exception {
        try (Tmpfs small = Tmpfs.mount(dir.resolve("small"), "64k", false)) {
            Path file = small.dir().resolve("model.snm");
            Files.write(file, new byte[] {1, 2, 3});
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, new byte[1 << 20]));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("the disk is full"),
                    e.getMessage());
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
            try (var files = Files.list(small.dir())) {
                assertEquals(List.of(file), files.toList(), "the temporary file is removed");
            }
        }
    }

    @Test
    void aReadOnlyFolderIsFoundBeforeAnythingIsWritten() throws Exception {
        try (Tmpfs readOnly = Tmpfs.mount(dir.resolve("ro"), "64k", true)) {
            Path file = readOnly.dir().resolve("model.snm");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("read-only"), e.getMessage());
        }
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.write(file, new byte[] {9});
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));
        AtomicFiles.checkWritable(dir.resolve("d/e.txt"));
        assertEquals(List.of(), Files.list(dir.resolve("d")).toList(), "the check leaves no file behind");
    }

    private List<Path> list() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
