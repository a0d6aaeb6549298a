package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {
    @TempDir
    Path tmp;

    @Test
    void withoutNetworkSaysWhereToPutTheFilesByHand() throws Exception {
        Path dir = tmp.resolve("mnist");
        CliRun run = CliRun.of("download", "--data", dir.toString(), "--mirror", "http://127.0.0.1:1/", "--timeout", "2");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("put them in " + dir.toAbsolutePath()), run.err());
        assertTrue(run.err().contains("train-images-idx3-ubyte.gz"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals(List.of(), DownloaderTest.listing(dir));
    }

    @Test
    void corruptedMirrorLeavesNothingUnderTheRealNames() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        for (DatasetFiles.RemoteFile f : DatasetFiles.MNIST.files()) {
            Files.write(served.resolve(f.name()), DownloaderTest.gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 0}, 0));
        }
        Path dir = tmp.resolve("mnist");
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            CliRun run = CliRun.of("download", "--data", dir.toString(), "--mirror", server.uri().toString());
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("SHA-256 mismatch"), run.err());
        }
        assertEquals(List.of(), DownloaderTest.listing(dir));
    }

    @Test
    void realFilesFromALoopbackMirrorVerifyAgainstTheBuiltInChecksums() throws Exception {
        Path mnist = TestData.mnist();
        Path dir = tmp.resolve("mnist");
        try (LoopbackServer server = new LoopbackServer(mnist, LoopbackServer.Behaviour.GOOD)) {
            CliRun run = CliRun.of("download", "--data", dir.toString(), "--mirror", server.uri().toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("MNIST is ready in " + dir + " (4 downloaded, 0 already there)"), run.out());
            CliRun again = CliRun.of("download", "--data", dir.toString(), "--mirror", server.uri().toString(), "--quiet");
            assertEquals(0, again.exitCode(), again.err());
            assertEquals("MNIST is ready in " + dir + " (0 downloaded, 4 already there)", again.out().strip());
        }
        assertEquals(DatasetFiles.MNIST.files().stream().map(DatasetFiles.RemoteFile::name).sorted().toList(),
                DownloaderTest.listing(dir));
    }

    @Test
    void fashionChecksumsMatchTheSharedCopy() throws Exception {
        Path mnist = TestData.mnist();
        Path fashion = mnist.resolveSibling("fashion-mnist");
        assumeTrue(Files.isDirectory(fashion), "no fashion-mnist folder next to " + mnist);
        for (DatasetFiles.RemoteFile f : DatasetFiles.FASHION.files()) {
            assertEquals(null, Downloader.problemWith(fashion.resolve(f.name()), f), f.name());
        }
    }

    @Test
    void aMirrorWithoutTheFilesIsBlamedNotTheNetwork() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("empty"));
        Path dir = tmp.resolve("mnist");
        try (LoopbackServer server = new LoopbackServer(served, LoopbackServer.Behaviour.GOOD)) {
            CliRun run = CliRun.of("download", "--data", dir.toString(), "--mirror", server.uri().toString());
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("the server answered HTTP 404 (it does not have this file)); try another --mirror, "
                    + "or fetch the four files by hand"), run.err());
            assertFalse(run.err().contains("AttemptFailed"), run.err());
            assertFalse(run.err().contains("no network"), run.err());
        }
    }

    @Test
    void zeroTimeoutIsAUsageError() {
        CliRun run = CliRun.of("download", "--timeout", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--timeout must be at least 1, got 0"), run.err());
    }
}
