package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds {@link IdxReader} valid small files and many damaged variants of them. Each input must
 * either parse into exactly what an independent reference parser expects, or fail with an
 * {@link IdxFormatException} naming the file; any other exception, a wrong result, or a hang fails.
 *
 * <p>The seed and the number of random inputs can be changed with {@code -Dscratchnet.fuzz.seed=…}
 * and {@code -Dscratchnet.fuzz.inputs=…}; a failure prints the seed, the input number and its bytes.
 */
class IdxReaderFuzzTest {
    private static final long SEED = Long.getLong("scratchnet.fuzz.seed", 20_240_601L);
    private static final int RANDOM_INPUTS = Integer.getInteger("scratchnet.fuzz.inputs", 10_000);
    private static final int[] SPECIAL_SIZES = {
        0, 1, -1, 2, 255, 256, 65_536, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8,
    };

    @TempDir
    Path dir;

    private final List<byte[]> bases = List.of(
            IdxBytes.valid(1, 7),
            IdxBytes.valid(2, 2, 3),
            IdxBytes.valid(3, 3, 4, 5),
            IdxBytes.valid(4, 2, 2, 2, 3),
            IdxBytes.valid(5, 1),
            IdxBytes.valid(6, 40, 28));

    private int parsed;
    private int rejected;

    @Test
    void everyMutatedInputParsesConsistentlyOrFailsWithIdxFormatException() {
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(120), this::runAll,
                "the IDX reader hung or is far too slow on fuzzed input");
        int total = parsed + rejected;
        System.out.printf("IdxReader fuzz: %d inputs (%d parsed, %d rejected), seed %d, %.1f s%n",
                total, parsed, rejected, SEED, (System.nanoTime() - start) / 1e9);
        assertTrue(total >= RANDOM_INPUTS, "ran only " + total + " inputs");
        assertTrue(parsed > 0 && rejected > 0, "the mutator must produce both valid and invalid files");
    }

    private void runAll() throws IOException {
        int index = 0;
        // Deterministic: every truncation of every base, plain and gzipped.
        for (byte[] base : bases) {
            for (int length = 0; length <= base.length; length++) {
                byte[] cut = Arrays.copyOf(base, length);
                check(index++, cut);
                check(index++, IdxBytes.gzip(cut));
            }
            byte[] compressed = IdxBytes.gzip(base);
            for (int length = 0; length < compressed.length; length++) {
                check(index++, Arrays.copyOf(compressed, length));
            }
        }
        // Deterministic: every value of every header byte of a 3-D file.
        byte[] image = bases.get(2);
        for (int position = 0; position < IdxBytes.headerLength(image); position++) {
            for (int value = 0; value < 256; value++) {
                byte[] mutant = image.clone();
                mutant[position] = (byte) value;
                check(index++, mutant);
            }
        }
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            check(index++, mutate(random));
        }
    }

    private byte[] mutate(RandomGenerator random) {
        byte[] base = bases.get(random.nextInt(bases.size())).clone();
        int header = IdxBytes.headerLength(base);
        return switch (random.nextInt(10)) {
            case 0 -> flipBytes(random, base);
            case 1 -> Arrays.copyOf(base, random.nextInt(base.length));
            case 2 -> setInt(base, 4 + 4 * random.nextInt((header - 4) / 4), randomSize(random));
            case 3 -> {
                base[2 + random.nextInt(2)] = (byte) random.nextInt(256); // type code or rank
                yield base;
            }
            case 4 -> IdxBytes.concat(base, randomBytes(random, 1 + random.nextInt(8)));
            case 5 -> IdxBytes.gzip(mutateHeader(random, base));
            case 6 -> {
                byte[] compressed = IdxBytes.gzip(base);
                yield Arrays.copyOf(compressed, random.nextInt(compressed.length));
            }
            case 7 -> flipBytes(random, IdxBytes.gzip(base));
            case 8 -> IdxBytes.concat(IdxBytes.gzip(base), randomBytes(random, 1 + random.nextInt(20)));
            default -> splice(random, base);
        };
    }

    private static byte[] mutateHeader(RandomGenerator random, byte[] idx) {
        int header = IdxBytes.headerLength(idx);
        return random.nextBoolean() ? setInt(idx, 4 + 4 * random.nextInt((header - 4) / 4), randomSize(random))
                : flipBytes(random, idx);
    }

    private static int randomSize(RandomGenerator random) {
        return random.nextBoolean() ? SPECIAL_SIZES[random.nextInt(SPECIAL_SIZES.length)] : random.nextInt();
    }

    private static byte[] flipBytes(RandomGenerator random, byte[] bytes) {
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    private static byte[] setInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
        return bytes;
    }

    /** Removes or inserts a run of bytes somewhere. */
    private static byte[] splice(RandomGenerator random, byte[] bytes) {
        int at = random.nextInt(bytes.length);
        if (random.nextBoolean()) {
            int end = Math.min(bytes.length, at + 1 + random.nextInt(6));
            return IdxBytes.concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, end, bytes.length));
        }
        byte[] head = IdxBytes.concat(Arrays.copyOf(bytes, at), randomBytes(random, 1 + random.nextInt(6)));
        return IdxBytes.concat(head, Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private static byte[] randomBytes(RandomGenerator random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Checks one input. Most go through {@link IdxReader#read(Path, InputStream, long)}, all of the
     * reader but opening the file, because writing thousands of files is slow on a busy disk; every
     * sixteenth also goes through a real file.
     */
    private void check(int index, byte[] content) throws IOException {
        // Alternate names so that the ".gz" hint path is exercised too.
        Path file = dir.resolve(index % 2 == 0 ? "fuzz-idx-ubyte" : "fuzz-idx-ubyte.gz");
        boolean onDisk = index % 16 == 0;
        if (onDisk) {
            Files.write(file, content);
        }
        Expected expected = reference(content);
        IdxFile result;
        try {
            result = onDisk ? IdxReader.read(file)
                    : IdxReader.read(file, new ByteArrayInputStream(content), content.length);
        } catch (IdxFormatException e) {
            if (expected != null) {
                fail(describe(index, content) + ": a valid file was rejected: " + e.getMessage(), e);
            }
            if (!e.getMessage().contains(file.toString())) {
                fail(describe(index, content) + ": the message does not name the file: " + e.getMessage());
            }
            rejected++;
            return;
        } catch (IOException | RuntimeException | Error e) {
            fail(describe(index, content) + ": threw " + e + " instead of IdxFormatException", e);
            return;
        }
        if (expected == null) {
            fail(describe(index, content) + ": an invalid file parsed as " + result.shape());
        }
        assertArrayEquals(expected.dimensions, result.dimensions(), () -> describe(index, content));
        assertArrayEquals(expected.data, result.data(), () -> describe(index, content));
        parsed++;
    }

    private static String describe(int index, byte[] content) {
        String hex = HexFormat.ofDelimiter(" ").formatHex(content, 0, Math.min(content.length, 64));
        return "fuzz input " + index + " (seed " + SEED + ", " + content.length + " bytes: " + hex
                + (content.length > 64 ? " …" : "") + ")";
    }

    private record Expected(int[] dimensions, byte[] data) {
    }

    /**
     * What the file should parse to, or null if it is invalid, worked out independently of
     * IdxReader: decompress fully (if gzip), then check the layout byte by byte.
     */
    private static Expected reference(byte[] content) {
        byte[] idx = content;
        if (content.length >= 2 && (content[0] & 0xFF) == 0x1f && (content[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                idx = in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
        if (idx.length < 4 || idx[0] != 0 || idx[1] != 0 || idx[2] != 0x08 || idx[3] < 1 || idx[3] > 4) {
            return null;
        }
        int rank = idx[3];
        int header = 4 + 4 * rank;
        if (idx.length < header) {
            return null;
        }
        int[] dimensions = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++) {
            long size = ((idx[4 + 4 * i] & 0xFFL) << 24) | ((idx[5 + 4 * i] & 0xFF) << 16)
                    | ((idx[6 + 4 * i] & 0xFF) << 8) | (idx[7 + 4 * i] & 0xFF);
            if (size < 1 || size > Integer.MAX_VALUE) {
                return null;
            }
            dimensions[i] = (int) size;
            length *= size;
            if (length > idx.length) {
                return null;
            }
        }
        if (length != idx.length - header) {
            return null;
        }
        return new Expected(dimensions, Arrays.copyOfRange(idx, header, idx.length));
    }
}
