package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.app.DatasetFiles.RemoteFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    @TempDir
    Path tmp;
    Path served;
    Path target;
    byte[] content;
    RemoteFile file;

    @BeforeEach
    void makeFile() throws Exception {
        served = Files.createDirectories(tmp.resolve("served"));
        target = tmp.resolve("target");
        content = new byte[200_000];
        new Random(7).nextBytes(content);
        Files.write(served.resolve("f-idx1-ubyte.gz"), gzip(content, 0));
        file = new RemoteFile("f-idx1-ubyte.gz", sha256(content), content.length);
    }

    @Test
    void goodFileIsDownloadedVerifiedAndMovedIntoPlace() throws Exception {
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertTrue(downloader(server.uri()).ensure(target, file));
        }
        assertArrayEquals(Files.readAllBytes(served.resolve(file.name())), Files.readAllBytes(target.resolve(file.name())));
        assertEquals(List.of(file.name()), listing(target));
    }

    @Test
    void fileAlreadyPresentIsNotFetchedAgain() throws Exception {
        Files.createDirectories(target);
        Files.copy(served.resolve(file.name()), target.resolve(file.name()));
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertFalse(downloader(server.uri()).ensure(target, file));
            assertEquals(0, server.requests());
        }
    }

    @Test
    void unpackedCopyCountsAsPresent() throws Exception {
        Files.createDirectories(target);
        Files.write(target.resolve(file.unpackedName()), content);
        assertFalse(downloader(URI.create("http://127.0.0.1:9/")).ensure(target, file));
    }

    @Test
    void differentGzipHeaderWithSameContentIsAccepted() throws Exception {
        // Mirrors store other names and timestamps in the gzip header; only the content counts.
        Files.write(served.resolve(file.name()), gzip(content, 1_000_000));
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertTrue(downloader(server.uri()).ensure(target, file));
        }
    }

    @Test
    void corruptedFileFailsTheChecksumAndLeavesNothingBehind() throws Exception {
        byte[] corrupted = content.clone();
        corrupted[12_345] ^= 1;
        Files.write(served.resolve(file.name()), gzip(corrupted, 0));
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            IOException e = assertThrows(IOException.class, () -> downloader(server.uri()).ensure(target, file));
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        }
        assertEquals(List.of(), listing(target));
    }

    @Test
    void corruptedExistingFileIsReplaced() throws Exception {
        Files.createDirectories(target);
        Files.write(target.resolve(file.name()), new byte[] {1, 2, 3});
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertTrue(downloader(server.uri()).ensure(target, file));
        }
        assertTrue(Downloader.matches(target.resolve(file.name()), file));
    }

    @Test
    void damagedUnpackedCopyIsRemovedOnceAGoodOneIsDownloaded() throws Exception {
        // The loader prefers the unpacked file, so leaving it would hide the good download.
        Files.createDirectories(target);
        byte[] damaged = content.clone();
        damaged[77] ^= 1;
        Files.write(target.resolve(file.unpackedName()), damaged);
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertTrue(downloader(server.uri()).ensure(target, file));
        }
        assertEquals(List.of(file.name()), listing(target));
        assertTrue(Downloader.matches(target.resolve(file.name()), file));
    }

    @Test
    void damagedUnpackedCopyNextToAGoodGzipIsRemovedWithoutDownloading() throws Exception {
        Files.createDirectories(target);
        Files.copy(served.resolve(file.name()), target.resolve(file.name()));
        Files.write(target.resolve(file.unpackedName()), new byte[] {1, 2, 3});
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertFalse(downloader(server.uri()).ensure(target, file));
            assertEquals(0, server.requests());
        }
        assertEquals(List.of(file.name()), listing(target));
    }

    @Test
    void aMirrorThatTricklesHitsTheOverallDeadline() throws Exception {
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.TRICKLE)) {
            Downloader downloader = new Downloader(List.of(server.uri()), quietProgress(), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(1));
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> downloader.ensure(target, file));
            assertTrue(e.getMessage().contains("gave up after 1 s") && e.getMessage().contains("too slow"), e.getMessage());
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "the deadline, not the idle timeout, ended it");
        }
        assertEquals(List.of(), listing(target));
    }

    @Test
    void temporaryFilesOfAnInterruptedEarlierRunAreRemoved() throws Exception {
        Files.createDirectories(target);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = target.resolve("." + file.name() + "." + ended.pid() + ".123456789.part");
        Path live = target.resolve("." + file.name() + "." + ProcessHandle.current().pid() + ".987654321.part");
        Files.write(stale, new byte[100]);
        Files.write(live, new byte[100]);
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            assertTrue(downloader(server.uri()).ensure(target, file));
        }
        assertEquals(List.of(live.getFileName().toString(), file.name()), listing(target));
    }

    @Test
    void aMissingFileIsNotBlamedOnTheNetwork() throws Exception {
        Files.delete(served.resolve(file.name()));
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            Downloader.DownloadFailed e = assertThrows(Downloader.DownloadFailed.class,
                    () -> downloader(server.uri()).ensure(target, file));
            assertFalse(e.networkProblem(), e.getMessage());
            assertFalse(e.getMessage().contains("AttemptFailed"), e.getMessage());
        }
        Downloader.DownloadFailed offline = assertThrows(Downloader.DownloadFailed.class,
                () -> downloader(URI.create("http://127.0.0.1:1/")).ensure(target, file));
        assertTrue(offline.networkProblem(), offline.getMessage());
    }

    @Test
    void connectionDroppedHalfWayLeavesNothingBehind() throws Exception {
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.DROP_HALF_WAY)) {
            IOException e = assertThrows(IOException.class, () -> downloader(server.uri()).ensure(target, file));
            assertTrue(e.getMessage().contains("could not download f-idx1-ubyte.gz"), e.getMessage());
        }
        assertEquals(List.of(), listing(target));
    }

    @Test
    void nextMirrorIsTriedWhenOneFails() throws Exception {
        try (LoopbackServer broken = new LoopbackServer(served, LoopbackServer.Behaviour.DROP_HALF_WAY);
                LoopbackServer good = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            Downloader downloader = new Downloader(List.of(broken.uri(), good.uri()), quietProgress(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));
            assertTrue(downloader.ensure(target, file));
            assertEquals(1, broken.requests());
        }
        assertEquals(List.of(file.name()), listing(target));
    }

    @Test
    void missingFileOnServerNamesTheStatus() throws Exception {
        Files.delete(served.resolve(file.name()));
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            IOException e = assertThrows(IOException.class, () -> downloader(server.uri()).ensure(target, file));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        }
    }

    @Test
    void unreachableMirrorFailsWithoutHanging() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> downloader(URI.create("http://127.0.0.1:1/")).ensure(target, file));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertEquals(List.of(), listing(target));
    }

    @Test
    void notGzipIsRejected() throws Exception {
        Files.write(served.resolve(file.name()), "<html>not here</html>".getBytes());
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            IOException e = assertThrows(IOException.class, () -> downloader(server.uri()).ensure(target, file));
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        }
    }

    @Test
    void plainLinesShowProgressWhenNotOnATerminal() throws Exception {
        StringWriter text = new StringWriter();
        ProgressPrinter lines = new ProgressPrinter(new PrintWriter(text), ProgressPrinter.Mode.LINES, System::nanoTime);
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            new Downloader(List.of(server.uri()), lines, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60))
                    .ensure(target, file);
        }
        assertTrue(text.toString().contains("f-idx1-ubyte.gz 50%"), text.toString());
    }

    private Downloader downloader(URI mirror) {
        return new Downloader(List.of(mirror), quietProgress(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    static ProgressPrinter quietProgress() {
        return new ProgressPrinter(new PrintWriter(new StringWriter()), ProgressPrinter.Mode.QUIET, System::nanoTime);
    }

    static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Gzips with a chosen header timestamp, as different mirrors do. */
    static byte[] gzip(byte[] data, int mtime) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        byte[] gz = bytes.toByteArray();
        gz[4] = (byte) mtime;
        gz[5] = (byte) (mtime >>> 8);
        gz[6] = (byte) (mtime >>> 16);
        gz[7] = (byte) (mtime >>> 24);
        return gz;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
