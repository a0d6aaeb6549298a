package dev.scratchnet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents for tests, so every test states its bytes explicitly. */
final class IdxBytes {
    private IdxBytes() {
    }

    /** A well-formed unsigned-byte IDX file with the given shape; data[i] = (seed + 7·i) mod 256. */
    static byte[] valid(int seed, int... dimensions) {
        int length = 1;
        for (int d : dimensions) {
            length *= d;
        }
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed + 7 * i);
        }
        return idx(IdxReader.UNSIGNED_BYTE, dimensions, data);
    }

    /** Header (magic with the given type code, sizes) followed by {@code data}, without any checks. */
    static byte[] idx(int type, int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length); // big-endian
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dimensions.length);
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    /** Only the header: what a file claiming {@code dimensions} starts with. */
    static byte[] header(int[] dimensions) {
        return idx(IdxReader.UNSIGNED_BYTE, dimensions, new byte[0]);
    }

    static int headerLength(byte[] idx) {
        return 4 + 4 * (idx[3] & 0xFF);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
