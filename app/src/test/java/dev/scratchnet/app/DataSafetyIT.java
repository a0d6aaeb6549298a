package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.testing.Tmpfs;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against files a user cares about: nothing the run did not create is
 * overwritten, nothing is claimed saved that was not, and every refusal is one sentence that
 * names the file. Small hand-made data only; no real MNIST needed.
 */
class DataSafetyIT {
    @TempDir
    Path work;

    // ---- what --save and --report may replace ----

    @Test
    void saveRefusesToOverwriteADataFileOfTheRun() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Path images = work.resolve("data/train-images-idx3-ubyte");
        byte[] before = Files.readAllBytes(images);
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1",
                "--save", "data/train-images-idx3-ubyte");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("scratchnet train: --save data/train-images-idx3-ubyte is an input of this run, so it will not be "
                + "overwritten; write to another file", r.lastErrLine(), r.toString());
        assertArrayEquals(before, Files.readAllBytes(images));
    }

    @Test
    void saveRefusesToReplaceAFileThatIsNotAModel() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Path notes = Files.writeString(work.resolve("notes.txt"), "my thesis");
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1",
                "--save", "notes.txt");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("--save notes.txt exists and is not a Scratchnet model, so it will not be "
                + "replaced"), r.toString());
        assertEquals("my thesis", Files.readString(notes));
        assertFalse(r.out().contains("epoch 1/1"), "refused before training:\n" + r);
    }

    @Test
    void reportRefusesAFileAndSaveRefusesAFolder() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.writeString(work.resolve("notes.txt"), "my thesis");
        JarRunner.Result report = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1",
                "--save", "m.snet", "--report", "notes.txt");
        assertEquals(1, report.exitCode(), report.toString());
        assertTrue(report.lastErrLine().contains("--report notes.txt is a file, not a folder"), report.toString());
        assertEquals("my thesis", Files.readString(work.resolve("notes.txt")));
        assertFalse(Files.exists(work.resolve("m.snet")));

        Files.createDirectories(work.resolve("runs"));
        JarRunner.Result folder = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1",
                "--save", "runs");
        assertEquals(1, folder.exitCode(), folder.toString());
        assertTrue(folder.lastErrLine().contains("--save runs is a folder; give a file name, for example runs/mnist.snet"),
                folder.toString());
    }

    @Test
    void aReadOnlyFolderIsFoundBeforeTheFirstEpoch() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        try (Tmpfs readOnly = Tmpfs.mount(work.resolve("ro"), "64k", true)) {
            JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1",
                    "--save", "ro/m.snet");
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.lastErrLine().contains("ro/m.snet: cannot be written: the folder is on a read-only file system"),
                    r.toString());
            assertFalse(r.out().contains("epoch 1/1"), "refused before training:\n" + r);
        }
    }

    @Test
    void aFullDiskNamesTheCheckpoint() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        try (Tmpfs small = Tmpfs.mount(work.resolve("small"), "64k", false)) {
            // 784×64 weights alone are 200 kB: the first checkpoint cannot fit in 64 kB.
            JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "64", "--epochs", "2",
                    "--save", "small/m.snet");
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.lastErrLine().startsWith("scratchnet train: small/m.snet: cannot be written: the disk is full"),
                    r.toString());
            try (var files = Files.list(small.dir())) {
                assertEquals(0, files.count(), "no model and no temporary file is left on the full disk");
            }
        }
    }

    // ---- Ctrl-C and resume ----

    @Test
    void ctrlCBeforeTheFirstCheckpointSaysNothingWasSaved() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 4000, 10);
        Path older = saveModel(work.resolve("older.snet"), 784);
        byte[] before = Files.readAllBytes(older);
        JarRunner.Running run = JarRunner.start(work, true, "train", "--data", "data", "--hidden", "512", "--batch", "1",
                "--epochs", "3", "--save", "older.snet", "--backend", "scalar", "--threads", "1");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!run.outSoFar().contains("epoch 1/3 25%") && run.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(run.outSoFar().contains("saved"), "the first epoch ended too soon for this test:\n" + run.outSoFar());
        new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).start().waitFor();
        JarRunner.Result r = run.finish();
        assertEquals(130, r.exitCode(), r.toString());
        assertTrue(r.err().contains("scratchnet train: stopped during epoch 1 of 3 before this run saved a checkpoint, so "
                + "nothing was saved; older.snet is untouched and is not from this run"), r.toString());
        assertFalse(r.out().contains("holds epoch"), r.toString());
        assertArrayEquals(before, Files.readAllBytes(older));
    }

    @Test
    void resumeKeepsTheHeldOutImagesOutOfTraining() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 200, 50);
        JarRunner.Result first = JarRunner.run(work, "train", "--data", "data", "--hidden", "8", "--epochs", "1",
                "--validation", "40", "--save", "v.snet");
        assertEquals(0, first.exitCode(), first.toString());
        JarRunner.Result resumed = JarRunner.run(work, "train", "--data", "data", "--resume", "v.snet", "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("160 training images, 40 held out for validation"), resumed.out());
        assertTrue(resumed.out().contains("(best by validation)"), resumed.out());

        JarRunner.Result other = JarRunner.run(work, "train", "--data", "data", "--resume", "v.snet", "--epochs", "3",
                "--validation", "10");
        assertEquals(1, other.exitCode(), other.toString());
        assertTrue(other.lastErrLine().contains("v.snet was trained with the last 40 training images held out for "
                + "validation, so resume it with --validation 40 or without --validation, not --validation 10"),
                other.toString());
    }

    @Test
    void aCheckpointWithOptimizerStateOfTheWrongShapeIsNamed() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).epochs(1).build();
        Network sixteen = Network.builder().input(784).dense(16, Activation.RELU).dense(10, Activation.IDENTITY).build();
        Network eight = Network.builder().input(784).dense(8, Activation.RELU).dense(10, Activation.IDENTITY).build();
        Files.write(work.resolve("bad.snet"), NetworkFormat.toBytes(eight, Normalization.UNIT,
                new Trainer(sixteen, config).state()));
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--resume", "bad.snet", "--epochs", "2");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("bad.snet holds optimizer state of shape 784×16 for "), r.toString());
        assertFalse(r.err().contains("copyFrom"), r.toString());
    }

    // ---- reading: models, data, pictures ----

    @Test
    void aLargeFileIsRefusedByItsHeaderUnderASmallHeap() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Path big = work.resolve("big.bin");
        Path damaged = work.resolve("damaged.snet");
        byte[] header = Arrays.copyOf(Files.readAllBytes(saveModel(work.resolve("m.snet"), 784)), 12);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw"); RandomAccessFile d = new RandomAccessFile(
                damaged.toFile(), "rw")) {
            f.write("just a large file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(500L << 20); // sparse
            d.write(header);
            d.setLength(500L << 20);
        }
        JarRunner.Result notModel = JarRunner.startWithHeap(work, true, "-Xmx64m", "eval", "--model", "big.bin",
                "--data", "data").finish();
        assertEquals(1, notModel.exitCode(), notModel.toString());
        assertTrue(notModel.lastErrLine().contains("big.bin is not a Scratchnet model file"), notModel.toString());
        JarRunner.Result cut = JarRunner.startWithHeap(work, true, "-Xmx64m", "eval", "--model", "damaged.snet",
                "--data", "data").finish();
        assertEquals(1, cut.exitCode(), cut.toString());
        assertTrue(cut.lastErrLine().contains("damaged.snet is damaged (checksum mismatch"), cut.toString());
    }

    @Test
    void aFolderGivenAsTheModelIsNamed() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "data", "--data", "data");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("scratchnet eval: data is a folder, not a model file; give the file that 'scratchnet train --save' "
                + "wrote", r.lastErrLine(), r.toString());
    }

    @Test
    void evalAndPredictNeedOnlyTheTestFiles() throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.delete(data.resolve("train-images-idx3-ubyte"));
        Files.delete(data.resolve("train-labels-idx1-ubyte"));
        saveModel(work.resolve("m.snet"), 784);
        JarRunner.Result eval = JarRunner.run(work, "eval", "--model", "m.snet", "--data", "data");
        assertEquals(0, eval.exitCode(), eval.toString());
        JarRunner.Result predict = JarRunner.run(work, "predict", "--model", "m.snet", "--data", "data", "--index", "3");
        assertEquals(0, predict.exitCode(), predict.toString());
    }

    @Test
    void imagesOfAnotherSizeNameTheFile() throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.write(data.resolve("train-images-idx3-ubyte"), IdxFixtures.images(20, new SplittableRandom(1), 32));
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "4", "--epochs", "1");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("scratchnet train: IDX folder data has test images of 28×28 pixels in "
                + Path.of("data", "t10k-images-idx3-ubyte") + " but training images of 32×32 in "
                + Path.of("data", "train-images-idx3-ubyte") + "; both splits must come from the same data set.",
                r.lastErrLine(), r.toString());
    }

    @Test
    void aTruncatedJpegIsRefusedNotClassified() throws Exception {
        saveModel(work.resolve("m.snet"), 784);
        BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 160);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12));
        g.drawLine(62, 20, 58, 140);
        g.dispose();
        Path whole = work.resolve("whole.jpg");
        ImageIO.write(image, "jpg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(work.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        JarRunner.Result r = JarRunner.run(work, "predict", "--model", "m.snet", "cut.jpg");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().startsWith("scratchnet predict: cut.jpg could not be decoded as JPEG"), r.toString());
        assertFalse(r.out().contains("cut.jpg:"), "no guess is printed:\n" + r);
    }

    // ---- messages ----

    @Test
    void aPathTheLocaleCannotEncodeGetsAHint() throws Exception {
        JarRunner.Result r = JarRunner.runWithEnvironment(work, Map.of("LC_ALL", "C", "LANG", "C"), "eval",
                "--model", "modèle.snet");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("cannot be used as a file name") && r.lastErrLine().contains("LC_ALL=C.UTF-8"),
                r.toString());
        assertFalse(r.err().contains("InvalidPathException"), r.toString());
    }

    @Test
    void aNegativeDropoutIsPrintedAsTyped() throws Exception {
        JarRunner.Result r = JarRunner.run(work, "train", "--dropout", "-0.1");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("--dropout must be from 0 up to (not including) 1, got -0.1 "), r.toString());
    }

    private static Path saveModel(Path file, int inputs) throws Exception {
        Network net = Network.builder().input(inputs).dense(8, Activation.RELU).dense(10, Activation.IDENTITY).seed(1).build();
        NetworkFormat.save(net, Normalization.UNIT, file);
        return file;
    }
}
