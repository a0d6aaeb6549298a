package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void aStaleTemporaryFileFromAKilledWriteIsReusedNotMultiplied() throws IOException {
        Path file = dir.resolve("model.snm");
        Files.write(dir.resolve(".model.snm.tmp"), new byte[5000]); // what a kill mid-write leaves
        AtomicFiles.write(file, new byte[] {7});
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.write(file, new byte[] {9});
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));
    }

    private List<Path> list() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
