package dev.scratchnet.data;

import static dev.scratchnet.data.IdxBytes.concat;
import static dev.scratchnet.data.IdxBytes.gzip;
import static dev.scratchnet.data.IdxBytes.valid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Reading must fail with an IdxFormatException whose message names the file and contains each hint. */
    private IdxFormatException rejects(String name, byte[] content, String... hints) throws IOException {
        Path file = write(name, content);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), () -> "message does not name the file: " + message);
        assertTrue(message.contains("re-download") || message.contains("unsigned-byte"),
                () -> "message does not say what to do: " + message);
        for (String hint : hints) {
            assertTrue(message.contains(hint), () -> "message lacks \"" + hint + "\": " + message);
        }
        return e;
    }

    @Test
    void roundTripsEveryRankPlainAndGzipped() throws IOException {
        int[][] shapes = {{7}, {2, 3}, {3, 4, 5}, {2, 2, 2, 3}, {1}};
        for (int[] shape : shapes) {
            byte[] content = valid(shape.length, shape);
            byte[] payload = Arrays.copyOfRange(content, IdxBytes.headerLength(content), content.length);
            for (boolean compressed : new boolean[] {false, true}) {
                Path file = write("shape" + shape.length + (compressed ? ".gz" : ""), compressed ? gzip(content) : content);
                IdxFile idx = IdxReader.read(file);
                assertArrayEquals(shape, idx.dimensions());
                assertArrayEquals(payload, idx.data());
                assertEquals(file, idx.source());
                assertEquals(shape[0], idx.count());
                assertEquals(payload.length / shape[0], idx.itemSize());
            }
        }
    }

    @Test
    void keepsUnsignedByteValues() throws IOException {
        byte[] data = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
        IdxFile idx = IdxReader.read(write("bytes", IdxBytes.idx(0x08, new int[] {6}, data)));
        assertEquals(255, idx.unsignedByte(5));
        assertEquals(128, idx.unsignedByte(3));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] content = valid(3, 4, 2);
        IdxFile plainNamedGz = IdxReader.read(write("plain.gz", content));
        IdxFile gzipWithoutSuffix = IdxReader.read(write("compressed-idx3-ubyte", gzip(content)));
        assertArrayEquals(plainNamedGz.data(), gzipWithoutSuffix.data());
    }

    @Test
    void readsConcatenatedGzipMembersAndIgnoresTrailingGarbageLikeGunzip() throws IOException {
        byte[] content = valid(5, 3, 3);
        byte[] firstHalf = Arrays.copyOf(content, 10);
        byte[] secondHalf = Arrays.copyOfRange(content, 10, content.length);
        IdxFile twoMembers = IdxReader.read(write("two.gz", concat(gzip(firstHalf), gzip(secondHalf))));
        assertArrayEquals(new int[] {3, 3}, twoMembers.dimensions());
        IdxFile garbage = IdxReader.read(write("garbage.gz", concat(gzip(content), new byte[] {'x', 'y', 'z'})));
        assertArrayEquals(twoMembers.data(), garbage.data());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        rejects("empty", new byte[0], "empty");
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        byte[] content = valid(1, 2, 2);
        content[0] = 1;
        rejects("magic", content, "not an IDX file", "01 00 08 02");
        rejects("text", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "not an IDX file");
    }

    @Test
    void nonGzipFileNamedGzIsRejectedWithThatHint() throws IOException {
        rejects("train-images-idx3-ubyte.gz", "PK\u0003\u0004 not a gzip".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                "named .gz but is neither gzip data nor an IDX file", "50 4b 03 04");
    }

    @Test
    void gzipOfSomethingElseIsRejected() throws IOException {
        rejects("other.gz", gzip("<html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "decompresses to data that is not an IDX file");
    }

    @Test
    void floatElementTypeIsUnsupportedWithClearMessage() throws IOException {
        byte[] content = IdxBytes.idx(0x0D, new int[] {2}, new byte[8]);
        rejects("floats", content, "unsupported element type 0x0D (float)", "Scratchnet reads unsigned-byte IDX files");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x09, 0x0B, 0x0C, 0x0E})
    void otherKnownElementTypesAreUnsupported(int type) throws IOException {
        rejects("typed", IdxBytes.idx(type, new int[] {2}, new byte[2]), "unsupported element type", "unsigned-byte");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x07, 0x0A, 0x0F, 0xFF})
    void unknownElementTypeIsRejected(int type) throws IOException {
        rejects("unknown", IdxBytes.idx(type, new int[] {2}, new byte[2]), "unknown element type");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 255})
    void badNumberOfDimensionsIsRejected(int rank) throws IOException {
        byte[] content = valid(0, 2, 2);
        content[3] = (byte) rank;
        rejects("rank", content, "declares " + rank + " dimensions", "1 to 4");
    }

    @Test
    void truncationAtEveryHeaderOffsetIsRejected() throws IOException {
        byte[] content = valid(9, 3, 2, 2);
        int header = IdxBytes.headerLength(content);
        for (int length = 1; length <= header; length++) {
            byte[] cut = Arrays.copyOf(content, length);
            rejects("cut" + length, cut);
            rejects("cut" + length + ".gz", gzip(cut));
        }
        rejects("cut7", Arrays.copyOf(content, 7), "ends after 7 bytes, inside its header");
        rejects("cut7b.gz", gzip(Arrays.copyOf(content, 7)), "ends after 7 bytes, inside its header");
        rejects("cut16", Arrays.copyOf(content, 16), "declares 3×2×2 = 12 bytes of data, but only 0 follow");
    }

    @Test
    void truncatedPayloadReportsExpectedAndFoundBytes() throws IOException {
        byte[] content = valid(2, 10, 5);
        byte[] cut = Arrays.copyOf(content, content.length - 3);
        rejects("short", cut, "truncated", "10×5 = 50 bytes", "only 47 follow");
        rejects("short.gz", gzip(cut), "truncated", "10×5 = 50 bytes", "only 47 follow");
    }

    @Test
    void extraBytesAfterThePayloadAreRejected() throws IOException {
        byte[] content = concat(valid(2, 4), new byte[] {9, 9});
        rejects("long", content, "has 6 bytes after its header", "declares 4 bytes");
        rejects("long.gz", gzip(content), "more data than the 4 bytes");
    }

    @Test
    void zeroAndNegativeSizesAreRejected() throws IOException {
        rejects("zero", IdxBytes.header(new int[] {0, 28, 28}), "size 0 for dimension 1 of 3");
        rejects("zero-col", IdxBytes.header(new int[] {5, 28, 0}), "size 0 for dimension 3 of 3");
        rejects("negative", IdxBytes.header(new int[] {Integer.MIN_VALUE}), "size -2147483648 for dimension 1");
        rejects("minus-one.gz", gzip(IdxBytes.header(new int[] {3, -1})), "size -1 for dimension 2");
    }

    @Test
    void sizesBeyondOneArrayAreRejected() throws IOException {
        rejects("huge", IdxBytes.header(new int[] {Integer.MAX_VALUE, 28, 28}),
                "declares 2147483647×28×28 elements", "more than the");
        rejects("huge1", IdxBytes.header(new int[] {Integer.MAX_VALUE}), "more than the");
        rejects("huge4.gz", gzip(IdxBytes.header(new int[] {65536, 65536, 1, 1})), "more than the");
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        byte[] compressed = gzip(valid(4, 50, 10));
        for (int length = 2; length < compressed.length; length += 3) {
            rejects("cut" + length + ".gz", Arrays.copyOf(compressed, length));
        }
        IdxFormatException e = rejects("half.gz", Arrays.copyOf(compressed, compressed.length / 2), "ends early");
        assertTrue(e.getCause() instanceof java.io.EOFException, () -> "cause: " + e.getCause());
    }

    @Test
    void corruptedGzipIsRejected() throws IOException {
        byte[] compressed = gzip(valid(4, 50, 10));
        byte[] badTrailer = compressed.clone();
        badTrailer[badTrailer.length - 6] ^= 0x55; // inside the CRC-32
        IdxFormatException e = rejects("crc.gz", badTrailer, "damaged");
        assertTrue(e.getCause() instanceof ZipException, () -> "cause: " + e.getCause());
        byte[] badMethod = compressed.clone();
        badMethod[2] = 7; // compression method other than deflate
        rejects("method.gz", badMethod, "damaged");
        rejects("magic-only.gz", new byte[] {0x1f, (byte) 0x8b}, "ends early");
    }

    @Test
    void headerClaimingTwoBillionImagesFailsFastWithoutAllocating() throws IOException {
        // 2,000,000,000 labels fit in one array, so only the file length can expose the lie.
        byte[] claim = concat(IdxBytes.header(new int[] {2_000_000_000}), new byte[100]);
        Path plain = write("claim", claim);
        Path compressed = write("claim.gz", gzip(claim));
        // Real data that the header overstates: 3 MiB of zeros compress to a few kilobytes.
        Path zeros = write("zeros.gz", gzip(concat(IdxBytes.header(new int[] {2_000_000_000}), new byte[3 << 20])));
        // 2^31 as an unsigned count is negative as a Java int.
        Path twoPow31 = write("two-pow-31", IdxBytes.header(new int[] {Integer.MIN_VALUE, 28, 28}));

        assertAllocatesLessThan(1 << 20, () -> IdxReader.read(plain), "declares 2000000000 bytes of data, but only 100 follow");
        assertAllocatesLessThan(4 << 20, () -> IdxReader.read(compressed), "only 100 follow");
        assertAllocatesLessThan(24 << 20, () -> IdxReader.read(zeros), "only 3145728 follow");
        assertAllocatesLessThan(1 << 20, () -> IdxReader.read(twoPow31), "-2147483648");
    }

    /** The read fails with {@code hint} in its message, and this thread allocates under {@code limit} bytes. */
    private static void assertAllocatesLessThan(long limit, org.junit.jupiter.api.function.Executable read, String hint) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        IdxFormatException e = assertThrows(IdxFormatException.class, read);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(e.getMessage().contains(hint), e::getMessage);
        assertTrue(allocated < limit, () -> "allocated " + allocated + " bytes, limit " + limit + ": " + e.getMessage());
    }

    @Test
    void missingFileAndFolderGiveFileNotFound() {
        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> IdxReader.read(dir.resolve("nope-idx1-ubyte")));
        assertTrue(missing.getMessage().contains("nope-idx1-ubyte") && missing.getMessage().contains("does not exist"));
        FileNotFoundException folder = assertThrows(FileNotFoundException.class, () -> IdxReader.read(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }
}
