package dev.scratchnet.app;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small hand-made MNIST-shaped folders: valid, or broken in one chosen way. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** Writes the four files with {@code train} and {@code test} random images and labels. */
    static Path folder(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(3);
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(train, random));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(train, random));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(test, random));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(test, random));
        return dir;
    }

    static byte[] images(int count, SplittableRandom random) throws IOException {
        return images(count, random, 28);
    }

    /** Images of {@code side}×{@code side} pixels: 28 for MNIST, anything else for a wrong data set. */
    static byte[] images(int count, SplittableRandom random, int side) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(side);
        out.writeInt(side);
        byte[] pixels = new byte[count * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        out.write(pixels);
        return bytes.toByteArray();
    }

    static byte[] labels(int count, SplittableRandom random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(random.nextInt(10));
        }
        return bytes.toByteArray();
    }
}
