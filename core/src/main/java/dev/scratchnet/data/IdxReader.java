package dev.scratchnet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>An IDX file is big-endian: a 4-byte magic number {@code 00 00 tt nn}, where {@code tt} is the
 * element type and {@code nn} the number of dimensions; then {@code nn} 4-byte sizes; then the data,
 * the product of the sizes elements, row-major. Scratchnet reads element type {@code 0x08}
 * (unsigned byte), with 1 to 4 dimensions, each at least 1. A file with a zero dimension holds no
 * items and is rejected, because there is nothing to train or test on and it usually means a
 * broken export.
 *
 * <p>Compression is detected from the content (the gzip magic {@code 1f 8b}), not from the file
 * name. As with {@code gunzip}, bytes after the end of the gzip stream that do not start another
 * gzip member are ignored; everything inside it must be exactly the IDX file.
 *
 * <p>The reader never trusts the header with memory: for a plain file it compares the declared data
 * length with the file size before allocating, and for a gzip file it starts from a buffer sized from
 * the compressed length and grows it only as data actually arrives. A header that claims two billion images in a 100-byte file fails at once.
 */
public final class IdxReader {
    /** The only element type Scratchnet reads: unsigned byte. */
    static final int UNSIGNED_BYTE = 0x08;

    /** More dimensions than an image file needs (count × rows × columns × channels). */
    static final int MAX_DIMENSIONS = 4;

    /** The largest array length that every JVM can allocate. */
    static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    /** Smallest first buffer for gzip data, whose real length is unknown until the stream ends. */
    static final int FIRST_GZIP_CHUNK = 1 << 16;

    private static final int IO_BUFFER = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads and validates one IDX file.
     *
     * @param file a plain or gzip-compressed IDX file of unsigned bytes
     * @return its shape and data
     * @throws IdxFormatException    if the file is not a valid unsigned-byte IDX file (bad magic, other
     *                               element type, bad dimensions, truncated or too long, broken gzip)
     * @throws FileNotFoundException if the file does not exist or is a folder
     * @throws IOException           if the file cannot be read for another reason
     */
    public static IdxFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new FileNotFoundException("IDX file " + file + " is a folder, not a file; pass the path of the file itself.");
        }
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("IDX file " + file + " does not exist; check the path.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in, fileSize);
        }
    }

    /**
     * Reads the IDX file whose bytes come from {@code in}: everything {@link #read(Path)} does once the
     * file is open. Tests use it to check many inputs without touching the disk.
     *
     * @param source   the file name, for messages
     * @param in       the file's bytes, plain or gzip; the caller closes it (closing twice is harmless)
     * @param fileSize the number of bytes {@code in} delivers
     */
    static IdxFile read(Path source, InputStream in, long fileSize) throws IOException {
        if (fileSize == 0) {
            throw new IdxFormatException("IDX file " + source + " is empty (0 bytes); re-download it.");
        }
        // Small files get small buffers: a label file of a few kilobytes needs no 64 KiB buffer.
        int bufferSize = (int) Math.max(512, Math.min(fileSize, IO_BUFFER));
        InputStream raw = new BufferedInputStream(in, bufferSize);
        if (!startsWithGzipMagic(raw)) {
            return parse(source, raw, fileSize, -1);
        }
        // Closing the gzip stream frees its native inflater now rather than at garbage collection.
        try (InputStream unzipped = new GZIPInputStream(raw, bufferSize)) {
            return parse(source, unzipped, -1, fileSize);
        } catch (EOFException e) {
            throw new IdxFormatException("IDX file " + source + " is gzip data that ends early ("
                    + e.getMessage() + "), so the download was probably cut short; re-download it.", e);
        } catch (ZipException e) {
            throw new IdxFormatException("IDX file " + source + " starts like gzip data but is damaged ("
                    + e.getMessage() + "); re-download it.", e);
        }
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /**
     * Parses the IDX content of {@code in}.
     *
     * @param plainSize      the length of a plain file, or -1 for a decompressed stream of unknown length
     * @param compressedSize the length of a gzip file, or -1 for a plain one
     */
    private static IdxFile parse(Path file, InputStream in, long plainSize, long compressedSize) throws IOException {
        boolean gzip = compressedSize >= 0;
        byte[] magic = readHeaderBytes(file, in, 4, 0, "magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw notIdx(file, magic, gzip);
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw unsupportedType(file, type);
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw new IdxFormatException("IDX file " + file + " declares " + rank + " dimensions, but Scratchnet reads"
                    + " IDX files with 1 to " + MAX_DIMENSIONS + ", so the header is damaged; re-download it.");
        }
        byte[] sizes = readHeaderBytes(file, in, 4 * rank, 4, "dimension sizes");
        int[] dimensions = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++) {
            dimensions[i] = bigEndianInt(sizes, 4 * i);
            if (dimensions[i] < 1) {
                throw new IdxFormatException("IDX file " + file + " declares size " + dimensions[i] + " for dimension "
                        + (i + 1) + " of " + rank + ", but every size must be at least 1, so the file is empty or"
                        + " damaged; re-download it.");
            }
            // Each factor is below 2^31 and the running product stays below 2^31, so this never overflows.
            length *= dimensions[i];
            if (length > MAX_DATA_BYTES) {
                throw new IdxFormatException("IDX file " + file + " declares " + describeShape(sizes, rank)
                        + " elements, more than the " + MAX_DATA_BYTES + " bytes Java can hold in one array,"
                        + " so the header is damaged; re-download it.");
            }
        }
        int headerLength = 4 + 4 * rank;
        // For example "60000×28×28 = 47040000 bytes", or just "60000 bytes" for a 1-D file.
        String shape = (rank == 1 ? "" : IdxFile.shape(dimensions) + " = ") + length + " bytes";
        if (!gzip) {
            long found = plainSize - headerLength;
            if (found < length) {
                throw truncated(file, shape, found);
            }
            if (found > length) {
                throw new IdxFormatException("IDX file " + file + " has " + found + " bytes after its header, but the"
                        + " header declares " + shape + ", so the file is damaged or has extra"
                        + " data; re-download it.");
            }
        }
        int first = gzip ? firstGzipChunk(length, compressedSize) : (int) length;
        byte[] data = readPayload(file, in, (int) length, first, shape);
        return new IdxFile(file, dimensions, data);
    }

    /**
     * The first buffer for decompressed data. MNIST compresses about 5:1, so eight times the
     * compressed size usually holds everything at once; a header that overstates the length only
     * costs that much before the stream runs dry.
     */
    static int firstGzipChunk(long declaredLength, long compressedSize) {
        long guess = Math.max(FIRST_GZIP_CHUNK, Math.min(8 * compressedSize, MAX_DATA_BYTES));
        return (int) Math.min(declaredLength, guess);
    }

    /** Reads exactly {@code count} header bytes that start at {@code offset} in the file. */
    private static byte[] readHeaderBytes(Path file, InputStream in, int count, int offset, String what)
            throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new IdxFormatException("IDX file " + file + " ends after " + (offset + bytes.length)
                    + " bytes, inside its header (bytes " + offset + " to " + (offset + count - 1) + " hold the "
                    + what + "), so it is truncated; re-download it.");
        }
        return bytes;
    }

    /**
     * Reads exactly {@code length} bytes and checks that the stream ends there. The buffer starts at
     * {@code first} bytes and doubles only when it is full, so memory follows the data that really
     * arrives, not the length the header claims.
     */
    private static byte[] readPayload(Path file, InputStream in, int length, int first, String shape)
            throws IOException {
        byte[] buffer = new byte[first];
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw truncated(file, shape, filled);
            }
            filled += n;
        }
        if (in.read() >= 0) {
            throw new IdxFormatException("IDX file " + file + " has more data than the " + shape
                    + " its header declares, so the file is damaged or has extra data; re-download it.");
        }
        return buffer;
    }

    private static IdxFormatException truncated(Path file, String shape, long found) {
        return new IdxFormatException("IDX file " + file + " is truncated: its header declares " + shape
                + " of data, but only " + found + " follow the header; re-download it.");
    }

    private static IdxFormatException notIdx(Path file, byte[] magic, boolean gzip) {
        String start = String.format(Locale.ROOT, "%02x %02x %02x %02x",
                magic[0] & 0xFF, magic[1] & 0xFF, magic[2] & 0xFF, magic[3] & 0xFF);
        String what = gzip ? "decompresses to data that is not an IDX file"
                : file.getFileName().toString().endsWith(".gz") ? "is named .gz but is neither gzip data nor an IDX file"
                : "is not an IDX file (nor gzip data)";
        return new IdxFormatException("IDX file " + file + " " + what + ": it starts with " + start
                + ", while an IDX file starts with 00 00 08 and its number of dimensions; re-download it.");
    }

    private static IdxFormatException unsupportedType(Path file, int type) {
        String name = switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        String code = String.format(Locale.ROOT, "0x%02X", type);
        if (name == null) {
            return new IdxFormatException("IDX file " + file + " has unknown element type " + code
                    + " (IDX uses 0x08, 0x09, 0x0B, 0x0C, 0x0D and 0x0E), so it is damaged or not an IDX file;"
                    + " re-download it.");
        }
        return new IdxFormatException("IDX file " + file + " has unsupported element type " + code + " (" + name
                + "); Scratchnet reads unsigned-byte IDX files (type 0x08), like the original MNIST files.");
    }

    /** The declared sizes as text, for a message about a shape too large to hold. */
    private static String describeShape(byte[] sizes, int rank) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            sb.append(i == 0 ? "" : "×").append(bigEndianInt(sizes, 4 * i));
        }
        return sb.toString();
    }

    private static int bigEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }
}
