package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Feeds the model reader thousands of damaged files, of the current format and of version 1.
 * Half of them get a valid checksum again, so the damage reaches the parser instead of stopping at
 * the checksum. Every one must end in a
 * loaded model or a {@link ModelFormatException}: no other exception, no huge allocation.
 */
class NetworkFormatFuzzTest {
    private static final int INPUTS = 10_000;

    @Test
    void damagedModelFilesAreRefusedCleanly() throws java.io.IOException {
        Network net = Network.builder().input(2).dense(5, Activation.RELU).dropout(0.2f).dense(4, Activation.IDENTITY).build();
        Trainer trainer = new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM).epochs(1).build());
        trainer.fit(SyntheticData.blobs(20, 1), null);
        byte[] good = NetworkFormat.toBytes(net, Normalization.UNIT, null);
        byte[] checkpoint = NetworkFormat.toBytes(net, Normalization.UNIT, trainer.state());
        byte[] version1; // the older reader path gets damaged files too
        try (java.io.InputStream in = getClass().getResourceAsStream("v1-2-6-dropout-4-checkpoint.snm")) {
            version1 = in.readAllBytes();
        }
        byte[][] originals = {good, checkpoint, version1};
        SplittableRandom random = new SplittableRandom(2026);
        int refused = 0, loaded = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] bytes = mutate(originals[i % originals.length], random);
            if (random.nextBoolean() && bytes.length >= 4) {
                reseal(bytes);
            }
            try {
                NetworkFormat.fromBytes(bytes, "fuzz.snm", new ScalarBackend());
                loaded++;
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.snm "), e.getMessage());
                refused++;
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new AssertionError("input " + i + " escaped as " + e, e);
            }
        }
        System.out.printf("model fuzz: %d inputs, %d refused, %d loaded%n", INPUTS, refused, loaded);
        assertTrue(refused > INPUTS / 2, "most damaged files must be refused, refused " + refused);
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bits
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncate
            case 2 -> { // a huge or negative number in the header, where the sizes live
                int at = 8 + random.nextInt(Math.min(40, bytes.length - 12));
                ByteBuffer.wrap(bytes).putInt(at, random.nextBoolean() ? Integer.MAX_VALUE : -random.nextInt(1 << 20));
            }
            default -> { // random bytes appended
                byte[] tail = new byte[1 + random.nextInt(16)];
                random.nextBytes(tail);
                byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
                System.arraycopy(tail, 0, longer, bytes.length, tail.length);
                bytes = longer;
            }
        }
        return bytes;
    }

    private static void reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
