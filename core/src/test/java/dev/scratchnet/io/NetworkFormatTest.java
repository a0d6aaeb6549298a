package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingState;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFormatTest {
    @TempDir
    Path dir;

    private static Network trained() {
        Network net = Network.builder().input(2).dense(7, Activation.TANH).dropout(0.1f).dense(5, Activation.LEAKY_RELU)
                .dense(4, Activation.IDENTITY).loss(LossKind.CROSS_ENTROPY).seed(5).build();
        new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM).learningRate(0.01f).epochs(2).build())
                .fit(SyntheticData.blobs(200, 1), null);
        return net;
    }

    @Test
    void roundTripGivesIdenticalPredictions() throws Exception {
        Network net = trained();
        Path file = dir.resolve("model.snm");
        NetworkFormat.save(net, new Normalization(0.5f, -0.25f), file);
        SavedModel loaded = NetworkFormat.load(file, new ScalarBackend());
        Tensor x = SyntheticData.uniform(50, 2, 3);
        assertArrayEquals(net.predict(x).data(), loaded.network().predict(x).data());
        assertEquals(net.describe(), loaded.network().describe());
        assertEquals(new Normalization(0.5f, -0.25f), loaded.normalization());
        assertNull(loaded.trainingState());
    }

    @Test
    void checkpointKeepsTheTrainingState() throws Exception {
        Network net = Network.builder().input(2).dense(6, Activation.RELU).dense(4, Activation.IDENTITY).build();
        Trainer trainer = new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM).epochs(1).build());
        trainer.fit(SyntheticData.blobs(100, 1), null);
        Path file = dir.resolve("checkpoint.snm");
        NetworkFormat.save(net, Normalization.UNIT, trainer.state(), file);
        SavedModel loaded = NetworkFormat.load(file, new ScalarBackend());
        assertNotNull(loaded.trainingState());
        assertEquals(trainer.state().config(), loaded.trainingState().config());
        assertEquals(1, loaded.trainingState().epochsCompleted());
        assertEquals(trainer.state().optimizerSteps(), loaded.trainingState().optimizerSteps());
        assertEquals(trainer.state().optimizerState(), loaded.trainingState().optimizerState());
    }

    @Test
    void checkpointKeepsTheValidationSizeAndTheBestValidationAccuracy() throws Exception {
        Network net = Network.builder().input(2).dense(6, Activation.RELU).dense(4, Activation.IDENTITY).build();
        Trainer trainer = new Trainer(net, TrainingConfig.builder().epochs(2).build());
        trainer.fit(SyntheticData.blobs(100, 1), SyntheticData.blobs(30, 2));
        byte[] bytes = NetworkFormat.toBytes(net, Normalization.UNIT, trainer.state());
        TrainingState loaded = NetworkFormat.fromBytes(bytes, "c.snm", new ScalarBackend()).trainingState();
        assertEquals(30, loaded.validationSize());
        assertEquals(trainer.bestValidationAccuracy(), loaded.bestValidationAccuracy());
        TrainingState none = NetworkFormat.fromBytes(NetworkFormat.toBytes(net, Normalization.UNIT,
                new TrainingState(trainer.config(), 1, 5, trainer.state().optimizerState())), "c.snm",
                new ScalarBackend()).trainingState();
        assertEquals(0, none.validationSize());
        assertTrue(Double.isNaN(none.bestValidationAccuracy()));
    }

    @Test
    void checkpointKeepsTheImageShiftAndAFileWithoutOneMeansNone() throws Exception {
        Network net = Network.builder().input(2).dense(6, Activation.RELU).dense(4, Activation.IDENTITY).build();
        Trainer trainer = new Trainer(net, TrainingConfig.builder().epochs(1).build());
        trainer.fit(SyntheticData.blobs(50, 1), null);
        TrainingState s = trainer.state();
        TrainingState shifted = new TrainingState(s.config(), 1, s.optimizerSteps(), s.optimizerState(), 0, Double.NaN, 3);
        TrainingState loaded = NetworkFormat.fromBytes(NetworkFormat.toBytes(net, Normalization.UNIT, shifted), "c.snm",
                new ScalarBackend()).trainingState();
        assertEquals(3, loaded.imageShift());
        byte[] plain = NetworkFormat.toBytes(net, Normalization.UNIT, s);
        assertFalse(new String(plain, java.nio.charset.StandardCharsets.UTF_8).contains("imageShift"),
                "a run without augmentation writes the same file as before");
        assertEquals(0, NetworkFormat.fromBytes(plain, "c.snm", new ScalarBackend()).trainingState().imageShift());
    }

    @Test
    void theExtraStateLinesLeaveTheConfigurationReadableByOlderReaders() {
        // Older builds parse the state text with TrainingConfig.fromText alone; unknown keys must not bother it.
        TrainingConfig config = TrainingConfig.builder().epochs(3).build();
        assertEquals(config, TrainingConfig.fromText(config.toText() + "validationSize=30\nbestValidationAccuracy=0.5\nimageShift=2\n"));
    }

    @Test
    void optimizerStateOfTheWrongShapeIsRefusedWhenLoading() {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).epochs(1).build();
        Network five = Network.builder().input(2).dense(5, Activation.RELU).dense(4, Activation.IDENTITY).build();
        Network six = Network.builder().input(2).dense(6, Activation.RELU).dense(4, Activation.IDENTITY).build();
        byte[] bytes = NetworkFormat.toBytes(six, Normalization.UNIT, new Trainer(five, config).state());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "c.snm", new ScalarBackend()));
        assertTrue(e.getMessage().startsWith("c.snm holds optimizer state of shape 2×5 for "), e.getMessage());
    }

    @Test
    void aLargeFileThatIsNotAModelIsRefusedByItsHeaderAlone() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write("not a model, just a large file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(3L << 30); // sparse: 3 GB on paper, nothing on the disk
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NetworkFormat.load(big, new ScalarBackend()));
        assertTrue(e.getMessage().contains("is not a Scratchnet model file"), e.getMessage());
    }

    @Test
    void aLargeDamagedModelIsRefusedByItsChecksum() throws Exception {
        // AppIT runs the same under a small -Xmx, where reading the file whole would run out of heap.
        byte[] header = Arrays.copyOf(NetworkFormat.toBytes(trained(), Normalization.UNIT, null), 12);
        Path big = dir.resolve("big.snm");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write(header);
            f.setLength(600L << 20);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NetworkFormat.load(big, new ScalarBackend()));
        assertTrue(e.getMessage().contains("is damaged (checksum mismatch"), e.getMessage());
    }

    @Test
    void aFolderIsNotAModel() throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NetworkFormat.load(dir, new ScalarBackend()));
        assertTrue(e.getMessage().equals(dir + " is a folder, not a model file; give the file that 'scratchnet train --save' "
                + "wrote"), e.getMessage());
    }

    @Test
    void looksLikeModelReadsOnlyTheMagic() throws Exception {
        Path model = dir.resolve("m.snm");
        NetworkFormat.save(trained(), Normalization.UNIT, model);
        assertTrue(NetworkFormat.looksLikeModel(model));
        Path text = Files.writeString(dir.resolve("t.txt"), "SCRNE");
        assertFalse(NetworkFormat.looksLikeModel(text));
    }

    @Test
    void everyTruncationIsRefusedWithAClearMessage() throws Exception {
        byte[] good = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> NetworkFormat.fromBytes(cut, "m.snm", new ScalarBackend()), "length " + length);
            assertTrue(e.getMessage().startsWith("m.snm "), e.getMessage());
        }
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        bytes[bytes.length / 2] ^= 0x10;
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aForeignFileIsNotAModel() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(png, "digit.png", new ScalarBackend()));
        assertTrue(e.getMessage().contains("not a Scratchnet model"), e.getMessage());
    }

    @Test
    void anotherVersionIsNamed() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        ByteBuffer.wrap(bytes).putInt(8, 4);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
    }

    @Test
    void nanWeightsAreRefused() throws Exception {
        Network net = trained();
        net.parameters().get(0).value().data()[3] = Float.NaN;
        byte[] bytes = NetworkFormat.toBytes(net, Normalization.UNIT, null);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    /** Where the first layer's first declared parameter shape (rows) sits in a file of {@link #trained()}. */
    private static final int FIRST_PARAMETER_ROWS = 8 + 4 + 4 // magic, version, flags
            + 12 + 4                                        // input shape, layer count
            + 4 + "dense".length()                          // kind
            + 4 + 4 + 2 + "tanh".length()                   // config length, units, activation name
            + 4;                                            // parameter count

    @Test
    void aHugeClaimedParameterIsRefusedBeforeAllocating() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        assertEquals(2, ByteBuffer.wrap(bytes).getInt(FIRST_PARAMETER_ROWS));
        ByteBuffer.wrap(bytes).putInt(FIRST_PARAMETER_ROWS, 1 << 23); // 8M × 7 weights would be 224 MB
        resealChecksum(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("ends before"), e.getMessage());
    }

    @Test
    void aConfigurationThatDisagreesWithTheDeclaredParametersIsRefused() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        ByteBuffer.wrap(bytes).putInt(16, 3); // input channels 3 instead of 2: the first dense layer becomes 3×7
        resealChecksum(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("declares parameters [2×7, 1×7] for layer 0"), e.getMessage());
    }

    @Test
    void anUnknownLayerKindIsNamed() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(trained(), Normalization.UNIT, null);
        int kindAt = 8 + 4 + 4 + 12 + 4 + 4;
        assertEquals("dense", new String(bytes, kindAt, 5, java.nio.charset.StandardCharsets.UTF_8));
        System.arraycopy("swirl".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, bytes, kindAt, 5);
        resealChecksum(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "m.snm", new ScalarBackend()));
        assertTrue(e.getMessage().contains("kind 'swirl'") && e.getMessage().contains("LayerCodecs.register"),
                e.getMessage());
    }

    @Test
    void aLayerFromOutsideTheLibrarySavesAndLoadsThroughItsCodec() throws Exception {
        Network net = Network.builder().input(3).dense(4, Activation.TANH).add(new dev.scratchnet.layer.Negate(
                dev.scratchnet.layer.Shape.flat(4))).dense(2, Activation.IDENTITY).seed(8).build();
        SavedModel loaded = NetworkFormat.fromBytes(NetworkFormat.toBytes(net, Normalization.UNIT, null), "m.snm",
                new ScalarBackend());
        assertEquals("3-4(tanh)-negate-2(identity), cross-entropy", loaded.network().describe());
        Tensor x = SyntheticData.uniform(5, 3, 6);
        assertArrayEquals(net.predict(x).data(), loaded.network().predict(x).data());
    }

    @Test
    void anImageInputShapeIsKept() throws Exception {
        Network net = Network.builder().input(new dev.scratchnet.layer.Shape(2, 3, 4)).dense(5, Activation.RELU)
                .dropout(0.5f).dense(3, Activation.IDENTITY).build();
        SavedModel loaded = NetworkFormat.fromBytes(NetworkFormat.toBytes(net, Normalization.UNIT, null), "m.snm",
                new ScalarBackend());
        assertEquals(net.inputShape(), loaded.network().inputShape());
        assertEquals("2×3×4-5(relu)-dropout(0.5)-3(identity), cross-entropy", loaded.network().describe());
        Tensor x = SyntheticData.uniform(6, 24, 4);
        assertArrayEquals(net.predict(x).data(), loaded.network().predict(x).data());
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> NetworkFormat.load(dir.resolve("nope.snm"), new ScalarBackend()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("model.snm");
        Files.writeString(file, "old");
        NetworkFormat.save(trained(), Normalization.UNIT, file);
        NetworkFormat.load(file, new ScalarBackend());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    private static void resealChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
