package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.model.Network;
import dev.scratchnet.testing.TestData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the packaged jar in a child JVM, as a user runs it. Tests that need the real MNIST
 * get its folder from -Dscratchnet.mnist (skipped without it, failing on CI); the error cases
 * use small hand-made files.
 */
class AppIT {
    @TempDir
    Path work;

    /** Trains the small shared model once for the tests that only need some trained model. */
    private static Path sharedModel;
    private static Path sharedReport;
    private static JarRunner.Result sharedTraining;

    static synchronized Path trainedModel() throws Exception {
        Path mnist = TestData.mnist();
        if (sharedModel == null) {
            Path dir = Files.createTempDirectory("scratchnet-it");
            // Run within the heap the README documents, report included, to keep that promise tested.
            sharedTraining = JarRunner.startWithHeap(dir, true, JarRunner.DOCUMENTED_HEAP, "train", "--data", mnist.toString(),
                    "--hidden", "32", "--epochs", "1", "--save", "model.snet", "--report", "report").finish();
            assertEquals(0, sharedTraining.exitCode(), sharedTraining.toString());
            sharedModel = dir.resolve("model.snet");
            sharedReport = dir.resolve("report");
        }
        return sharedModel;
    }

    private static String mnist() {
        return TestData.mnist().toString();
    }

    // ---- the happy path on the real data ----

    @Test
    void trainOneEpochPrintsProgressAndAccuracyAndWritesAReport() throws Exception {
        trainedModel();
        String out = sharedTraining.out();
        assertTrue(out.contains("epoch 1/1 50% ("), "plain progress lines when not on a terminal:\n" + out);
        assertTrue(Pattern.compile("(?m)^epoch 1/1  loss \\d+\\.\\d+  train \\d+\\.\\d+%  test \\d+\\.\\d+%  .* img/s .*saved$")
                .matcher(out).find(), out);
        Matcher accuracy = Pattern.compile("test accuracy (\\d+\\.\\d+)% \\(\\d+ of 10000\\) after 1 epoch; model saved to model.snet")
                .matcher(out);
        assertTrue(accuracy.find(), out);
        assertTrue(Double.parseDouble(accuracy.group(1)) > 90, "one epoch of 784-32-10 should pass 90%: " + out);
        assertTrue(sharedTraining.err().contains("backend auto: using"), sharedTraining.err());

        Map<String, int[]> sizes = Map.of(
                "learning-curves.png", new int[] {1200, 420},
                "confusion-matrix.png", new int[] {640, 600},
                "misclassified.png", new int[] {10 * (28 * Charts.SCALE + 8) + 8, 0},
                "first-layer-weights.png", new int[] {6 * (28 * Charts.SCALE + 4) + 4, 0});
        for (Map.Entry<String, int[]> e : sizes.entrySet()) {
            BufferedImage image = ImageIO.read(sharedReport.resolve(e.getKey()).toFile());
            assertTrue(image != null, e.getKey() + " does not decode");
            assertEquals(e.getValue()[0], image.getWidth(), e.getKey());
            assertTrue(image.getHeight() >= 100 && image.getHeight() <= 2000, e.getKey() + " height " + image.getHeight());
            if (e.getValue()[1] > 0) {
                assertEquals(e.getValue()[1], image.getHeight(), e.getKey());
            }
        }
        List<String> csv = Files.readAllLines(sharedReport.resolve("metrics.csv"));
        assertEquals(2, csv.size(), csv.toString());
        assertTrue(Files.readString(sharedReport.resolve("metrics.json")).contains("\"confusion\": [["));
    }

    @Test
    void evalPrintsAccuracyPerClassTableAndConfusionMatrix() throws Exception {
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", trainedModel().toString(), "--data", mnist());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("784-32(relu)-10(identity), cross-entropy"), r.out());
        assertTrue(Pattern.compile("test accuracy \\d+\\.\\d+% \\(\\d+ of 10000\\), mean loss").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains(", trained on MNIST"), r.out());
        assertTrue(r.out().contains("class  precision  recall   count"), r.out());
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted class)"), r.out());
        assertTrue(Pattern.compile("(?m)^9 .*1009$").matcher(r.out()).find(), "1009 nines in the test set:\n" + r.out());
    }

    @Test
    void predictClassifiesADrawnDigitAndATestImage() throws Exception {
        Path one = work.resolve("one.png");
        BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 160);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(62, 20, 58, 140);
        g.dispose();
        ImageIO.write(image, "png", one.toFile());
        JarRunner.Result r = JarRunner.run(work, "predict", "--model", trainedModel().toString(), "one.png",
                "--data", mnist(), "--index", "0");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Pattern.compile("(?m)^one\\.png: predicted: 1 \\(\\d+\\.\\d%\\), then \\d \\(\\d+\\.\\d%\\), \\d "
                + "\\(\\d+\\.\\d%\\)$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^test image 0 \\(label 7\\): predicted: \\d \\(").matcher(r.out()).find(), r.out());
    }

    @Test
    void reportCommandReusesTheTrainingHistory() throws Exception {
        trainedModel();
        Path out = work.resolve("again");
        JarRunner.Result r = JarRunner.run(work, "report", "--model", sharedModel.toString(), "--data", mnist(),
                "--out", out.toString(), "--history", sharedReport.resolve("metrics.csv").toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String png : List.of("learning-curves.png", "confusion-matrix.png", "misclassified.png", "first-layer-weights.png")) {
            assertTrue(ImageIO.read(out.resolve(png).toFile()) != null, png);
        }
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAStraightOne() throws Exception {
        String[] common = {"--data", mnist(), "--hidden", "16", "--batch", "128", "--schedule", "constant",
            "--backend", "scalar", "--threads", "1", "--quiet"};
        JarRunner.Result first = JarRunner.run(work, concat(new String[] {"train", "--epochs", "2", "--save", "resumed.snet"}, common));
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(1, first.out().strip().lines().count(), "--quiet keeps only the final line:\n" + first.out());
        JarRunner.Result second = JarRunner.run(work, "train", "--resume", "resumed.snet", "--epochs", "4", "--data", mnist(),
                "--backend", "scalar", "--threads", "1", "--quiet");
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("after 4 epochs"), second.out());
        JarRunner.Result straight = JarRunner.run(work, concat(new String[] {"train", "--epochs", "4", "--save", "straight.snet"}, common));
        assertEquals(0, straight.exitCode(), straight.toString());

        SavedModel a = NetworkFormat.load(work.resolve("resumed.snet"), new ScalarBackend());
        SavedModel b = NetworkFormat.load(work.resolve("straight.snet"), new ScalarBackend());
        assertEquals(4, a.trainingState().epochsCompleted());
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pb.get(i).value().data(), pa.get(i).value().data(), pa.get(i).name());
        }
    }

    @Test
    void ctrlCStopsAfterTheCurrentBatchAndLeavesAResumableCheckpoint() throws Exception {
        JarRunner.Running run = JarRunner.start(work, true, "train", "--data", mnist(), "--hidden", "16", "--epochs", "50",
                "--save", "stopped.snet");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!run.outSoFar().contains("saved") && System.nanoTime() < deadline && run.process().isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(run.process().isAlive(), "training ended before it could be interrupted");
        new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).start().waitFor();
        JarRunner.Result r = run.finish();
        assertEquals(130, r.exitCode(), r.toString());
        assertTrue(Pattern.compile("stopped after epoch \\d+ of 50; the checkpoint stopped.snet holds epoch \\d+; "
                + "continue with: scratchnet train --resume stopped.snet").matcher(r.out()).find(), r.toString());
        SavedModel saved = NetworkFormat.load(work.resolve("stopped.snet"), new ScalarBackend());
        assertTrue(saved.trainingState().epochsCompleted() >= 1);
    }

    @Test
    void divergingRunStopsWithAHintAndLeavesTheOldModelAlone() throws Exception {
        Path model = work.resolve("good.snet");
        Files.copy(trainedModel(), model);
        byte[] before = Files.readAllBytes(model);
        JarRunner.Result r = JarRunner.run(work, "train", "--data", mnist(), "--hidden", "16", "--lr", "1e9",
                "--optimizer", "sgd", "--save", "good.snet");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("training diverged") && r.lastErrLine().contains("try a smaller learning rate")
                && r.lastErrLine().contains("no checkpoint was written"), r.toString());
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void wrongLayerSizeForTheDataIsAUsageError() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--layers", "100,30,10");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("--layers must start with 784, the number of inputs of data (1×28×28 pixels), "
                + "got 100"), r.toString());
    }

    // ---- error cases that need no real data ----

    @Test
    void missingDataFolderSaysHowToGetTheFiles() throws Exception {
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "no-such-folder", "--epochs", "1");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().startsWith("scratchnet train: there is no MNIST data folder at no-such-folder; "
                + "run 'scratchnet download --data no-such-folder', or fetch the four files by hand"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void missingDataFileIsNamed() throws Exception {
        Path dir = IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "m.snet", "--data", "data");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("has no t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)"), r.toString());
    }

    @Test
    void withoutDataTrainFindsTheDataInTheDefaultFolderOrTheEnvironment() throws Exception {
        // The README's bare `./scratchnet train` and `--report report`: no --data at all.
        IdxFixtures.folder(work.resolve("data/mnist"), 200, 50);
        JarRunner.Result fromFolder = JarRunner.run(work, "train", "--hidden", "8", "--epochs", "1",
                "--batch", "32", "--save", "folder.snet");
        assertEquals(0, fromFolder.exitCode(), fromFolder.toString());
        assertTrue(fromFolder.out().contains("from data" + java.io.File.separator + "mnist"), fromFolder.out());

        Path elsewhere = IdxFixtures.folder(work.resolve("elsewhere"), 200, 50);
        JarRunner.Result fromEnvironment = JarRunner.runWithEnvironment(work,
                Map.of(DatasetFiles.DATA_ENV, elsewhere.toString()), "train", "--hidden", "8", "--epochs", "1",
                "--batch", "32", "--augment", "2", "--save", "environment.snet");
        assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.toString());
        assertTrue(fromEnvironment.out().contains("from " + elsewhere), fromEnvironment.out());
    }

    @Test
    void smallValidFolderTrainsEvaluatesAndPredicts() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 200, 50);
        JarRunner.Result train = JarRunner.run(work, "train", "--data", "data", "--hidden", "8", "--epochs", "2",
                "--batch", "32", "--validation", "40", "--save", "tiny.snet", "--report", "tiny");
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.out().contains("160 training images, 40 held out for validation, 50 test images"), train.out());
        assertTrue(train.out().contains("(best by validation)"), train.out());
        JarRunner.Result eval = JarRunner.run(work, "eval", "--model", "tiny.snet", "--data", "data");
        assertEquals(0, eval.exitCode(), eval.toString());
        JarRunner.Result predict = JarRunner.run(work, "predict", "--model", "tiny.snet", "--data", "data", "--index", "3,49,50");
        assertEquals(1, predict.exitCode(), predict.toString());
        assertTrue(predict.out().contains("test image 49 (label "), predict.out());
        assertTrue(predict.lastErrLine().contains("--index 50 is past the end; the test set has images 0 to 49"), predict.toString());
    }

    @Test
    void anAugmentedRunResumedFromItsCheckpointEndsWithTheSameWeightsAsAStraightOne() throws Exception {
        // The shifts are drawn from (seed, epoch, example), so a resume must see the very same images.
        IdxFixtures.folder(work.resolve("data"), 200, 50);
        String[] common = {"--data", "data", "--hidden", "16", "--batch", "32", "--schedule", "constant", "--augment", "2",
            "--backend", "scalar", "--threads", "1", "--quiet"};
        JarRunner.Result first = JarRunner.run(work, concat(new String[] {"train", "--epochs", "2", "--save", "resumed.snet"}, common));
        assertEquals(0, first.exitCode(), first.toString());
        JarRunner.Result second = JarRunner.run(work, "train", "--resume", "resumed.snet", "--epochs", "4", "--data", "data",
                "--backend", "scalar", "--threads", "1", "--quiet");
        assertEquals(0, second.exitCode(), second.toString());
        JarRunner.Result straight = JarRunner.run(work, concat(new String[] {"train", "--epochs", "4", "--save", "straight.snet"}, common));
        assertEquals(0, straight.exitCode(), straight.toString());
        String[] unshifted = common.clone();
        unshifted[List.of(common).indexOf("--augment") + 1] = "0";
        JarRunner.Result plain = JarRunner.run(work, concat(new String[] {"train", "--epochs", "4", "--save", "plain.snet"}, unshifted));
        assertEquals(0, plain.exitCode(), plain.toString());

        SavedModel a = NetworkFormat.load(work.resolve("resumed.snet"), new ScalarBackend());
        SavedModel b = NetworkFormat.load(work.resolve("straight.snet"), new ScalarBackend());
        SavedModel c = NetworkFormat.load(work.resolve("plain.snet"), new ScalarBackend());
        assertEquals(4, a.trainingState().epochsCompleted());
        assertEquals(2, a.trainingState().imageShift());
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pb.get(i).value().data(), pa.get(i).value().data(), pa.get(i).name());
        }
        assertFalse(java.util.Arrays.equals(pb.get(0).value().data(), c.network().parameters().get(0).value().data()),
                "--augment 2 must change what is learnt");
    }

    @Test
    void aSmallCnnTrainsResumesEvaluatesPredictsAndReports() throws Exception {
        // A tiny MNIST-shaped folder and a tiny CNN, so the whole round costs seconds.
        IdxFixtures.folder(work.resolve("data"), 200, 50);
        String[] common = {"--data", "data", "--layers", "conv3x4,pool2,conv3x4s2same,10", "--batch", "32",
            "--backend", "scalar", "--threads", "1", "--quiet"};
        JarRunner.Result first = JarRunner.run(work, concat(new String[] {"train", "--epochs", "1", "--save", "cnn.snet"}, common));
        assertEquals(0, first.exitCode(), first.toString());
        JarRunner.Result resumed = JarRunner.run(work, "train", "--resume", "cnn.snet", "--epochs", "2", "--data", "data",
                "--backend", "scalar", "--threads", "1", "--report", "cnn-report");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("1×28×28-conv3x4(relu)-pool2-conv3x4s2p1(relu)-10(identity)"), resumed.out());
        assertEquals(2, NetworkFormat.load(work.resolve("cnn.snet"), new ScalarBackend()).trainingState().epochsCompleted());

        JarRunner.Result eval = JarRunner.run(work, "eval", "--model", "cnn.snet", "--data", "data");
        assertEquals(0, eval.exitCode(), eval.toString());
        JarRunner.Result predict = JarRunner.run(work, "predict", "--model", "cnn.snet", "--data", "data", "--index", "3");
        assertEquals(0, predict.exitCode(), predict.toString());
        assertTrue(predict.out().contains("test image 3 (label "), predict.out());
        JarRunner.Result report = JarRunner.run(work, "report", "--model", "cnn.snet", "--data", "data", "--out", "again");
        assertEquals(0, report.exitCode(), report.toString());
        for (Path dir : List.of(work.resolve("cnn-report"), work.resolve("again"))) {
            // The first layer's filters (3×3 pictures) and each convolution's maps for one digit.
            for (String png : List.of("first-layer-weights.png", "feature-maps-layer-0.png", "feature-maps-layer-2.png")) {
                assertTrue(ImageIO.read(dir.resolve(png).toFile()) != null, dir + "/" + png);
            }
        }
    }

    @Test
    void aLayerSpecThatDoesNotFitTheImageIsAUsageError() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--layers", "conv5x8,pool2,pool2,conv9x4,10");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--layers entry 'conv9x4' has a 9×9 window, larger than the 8×6×6 it receives"), r.toString());
    }

    @Test
    void wrongIdxFileIsNamedWithTheProblem() throws Exception {
        Path dir = IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "this is not an IDX file at all");
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--epochs", "1", "--hidden", "4");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("train-images-idx3-ubyte"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void truncatedIdxFileIsNamedWithTheProblem() throws Exception {
        Path dir = IdxFixtures.folder(work.resolve("data"), 20, 10);
        byte[] images = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 100));
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--epochs", "1", "--hidden", "4");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("t10k-images-idx3-ubyte"), r.toString());
    }

    @Test
    void imageAndLabelCountMismatchIsReported() throws Exception {
        Path dir = IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFixtures.labels(19, new java.util.SplittableRandom(1)));
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--epochs", "1", "--hidden", "4");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("20") && r.lastErrLine().contains("19"), r.toString());
    }

    @Test
    void corruptModelFileIsRejected() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Files.writeString(work.resolve("junk.snet"), "definitely not a model");
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "junk.snet", "--data", "data");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("junk.snet is not a Scratchnet model file"), r.toString());
    }

    @Test
    void damagedModelFileIsRejected() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Path model = saveModel(work.resolve("m.snet"), 784);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(model, bytes);
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "m.snet", "--data", "data");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("m.snet is damaged"), r.toString());
    }

    @Test
    void modelOfAnotherVersionIsRejected() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        Path model = saveModel(work.resolve("m.snet"), 784);
        byte[] bytes = Files.readAllBytes(model);
        bytes[11] = 99; // the version follows the 8-byte magic
        Files.write(model, bytes);
        JarRunner.Result r = JarRunner.run(work, "predict", "--model", "m.snet", "--data", "data", "--index", "0");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("format version 99"), r.toString());
    }

    @Test
    void modelWithTheWrongInputSizeIsRejected() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        saveModel(work.resolve("m.snet"), 100);
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "m.snet", "--data", "data");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("takes 100 inputs and gives 10 outputs but does not say what data it was "
                + "trained on (an older Scratchnet saved it, which knew only MNIST's 784 pixels and 10 classes); retrain it"),
                r.toString());
    }

    @Test
    void predictRefusesFilesThatAreNotImages() throws Exception {
        saveModel(work.resolve("m.snet"), 784);
        Files.writeString(work.resolve("notes.txt"), "hello");
        Files.createFile(work.resolve("empty.png"));
        JarRunner.Result r = JarRunner.run(work, "predict", "--model", "m.snet", "notes.txt", "empty.png", "missing.png");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("scratchnet predict: notes.txt is not an image this program can read"), r.err());
        assertTrue(r.err().contains("scratchnet predict: empty.png is empty"), r.err());
        assertTrue(r.err().contains("scratchnet predict: file or folder not found: missing.png"), r.err());
    }

    @Test
    void nonsenseNumbersAreUsageErrorsWithTheRange() throws Exception {
        JarRunner.Result lr = JarRunner.run(work, "train", "--lr", "-1", "--batch", "0");
        assertEquals(2, lr.exitCode(), lr.toString());
        assertTrue(lr.lastErrLine().contains("--lr must be a number above 0, got -1; --batch must be at least 1, got 0"),
                lr.toString());
        JarRunner.Result epochs = JarRunner.run(work, "train", "--epochs", "abc");
        assertEquals(2, epochs.exitCode(), epochs.toString());
        assertTrue(epochs.lastErrLine().contains("Invalid value for option '--epochs': 'abc' is not an int"), epochs.toString());
        JarRunner.Result unknown = JarRunner.run(work, "train", "--activation", "softsign");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.lastErrLine().contains("unknown activation 'softsign'"), unknown.toString());
    }

    @Test
    void plainJavaJarFallsBackToScalarWithOneLogLine() throws Exception {
        JarRunner.Result r = JarRunner.run(work, false, "gradcheck");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("backend auto: using scalar"), r.err());
        assertTrue(r.out().contains("32 of 32 parameter tensors agree with finite differences"), r.out());
    }

    @Test
    void explicitSimdWithoutTheIncubatorModuleFailsWithTheFix() throws Exception {
        try (JarFile jar = new JarFile(JarRunner.jar().toFile())) {
            var services = jar.getEntry("META-INF/services/dev.scratchnet.backend.BackendProvider");
            assumeTrue(services != null, "the simd module has no provider registered yet");
        }
        JarRunner.Result r = JarRunner.run(work, false, "gradcheck", "--backend", "simd");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.lastErrLine().contains("--add-modules jdk.incubator.vector"), r.toString());
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Files.writeString(work.resolve("junk.snet"), "definitely not a model");
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        JarRunner.Result r = JarRunner.run(work, "eval", "--model", "junk.snet", "--data", "data", "--verbose");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("\tat dev.scratchnet.io.NetworkFormat"), r.toString());
    }

    private static Path saveModel(Path file, int inputs) throws Exception {
        Network net = Network.builder().input(inputs).dense(8, Activation.RELU).dense(10, Activation.IDENTITY).seed(1).build();
        NetworkFormat.save(net, Normalization.UNIT, file);
        return file;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
