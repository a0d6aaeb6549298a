package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.data.Preprocessing;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingState;
import dev.scratchnet.optim.OptimizerKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class TrainOptionsTest {
    private static final DatasetInfo MNIST = Models.mnist(Normalization.UNIT);
    private static final DatasetInfo IRIS = new DatasetInfo("iris", List.of("setosa", "versicolor", "virginica"), 4,
            null, Preprocessing.IDENTITY);
    private static final DatasetInfo PETS = new DatasetInfo("pets", List.of("cat", "dog", "fish"), 3 * 32 * 32,
            new ImageGeometry(3, 32, 32), Preprocessing.PIXELS);

    @Test
    void nielsenPresetIsTheClassicCourseNetwork() {
        TrainOptions options = new TrainOptions();
        options.preset = "nielsen";
        TrainOptions.Settings s = options.resolve(MNIST, 60_000);
        assertEquals("784,30,10", s.layers().toString());
        assertEquals(Activation.SIGMOID, s.activation());
        assertEquals(LossKind.QUADRATIC, s.loss());
        assertEquals(OptimizerKind.SGD, s.optimizer());
        assertEquals(3.0f, s.learningRate());
        assertEquals(10, s.batchSize());
        assertEquals(30, s.epochs());
        Network net = s.buildNetwork();
        assertEquals("784-30(sigmoid)-10(sigmoid), quadratic", net.describe());
    }

    @Test
    void givenFlagsOverrideThePreset() {
        TrainOptions options = new TrainOptions();
        options.preset = "NIELSEN";
        options.epochs = 2;
        options.hidden = List.of(64, 32);
        TrainOptions.Settings s = options.resolve(MNIST, 60_000);
        assertEquals(2, s.epochs());
        assertEquals("784,64,32,10", s.layers().toString());
        assertEquals(3.0f, s.learningRate());
    }

    @Test
    void cnnPresetIsTheCourseConvolutionalNetwork() {
        TrainOptions options = new TrainOptions();
        options.preset = "cnn";
        Network net = options.resolve(MNIST, 60_000).buildNetwork();
        assertEquals("1×28×28-conv5x20(relu)-pool2-conv5x40(relu)-pool2-100(relu)-dropout(0.3)-10(identity), "
                + "cross-entropy", net.describe());
        assertEquals(20 * 25 + 20 + 40 * 500 + 40 + 640 * 100 + 100 + 100 * 10 + 10, net.parameterCount());
    }

    @Test
    void layersTakeConvolutionAndPoolingEntriesWithStrideAndPadding() {
        TrainOptions options = new TrainOptions();
        options.layers = "784, conv3x8s2p1, pool3s2, conv3x4same, 10";
        Network net = options.resolve(MNIST, 60_000).buildNetwork();
        // 28 → ⌊(28 + 2 − 3)/2⌋ + 1 = 14 → ⌊(14 − 3)/2⌋ + 1 = 6 → same: 6
        assertEquals("1×28×28-conv3x8s2p1(relu)-pool3s2-conv3x4p1(relu)-10(identity), cross-entropy", net.describe());
        assertEquals(4 * 6 * 6, net.layers().get(3).inputSize());
        assertEquals("conv3x8s2p1,pool3s2,conv3x4p1,10", options.resolve(MNIST, 60_000).layers().toString());
    }

    @Test
    void badLayerEntriesGetOneSentenceListingWhatIsAllowed() {
        for (String[] bad : new String[][] {
                {"conv5,10", "--layers entry 'conv5' is not a layer; use N (dense units), convKxF"},
                {"100,conv5x20,10", "needs an image, but it comes after a dense layer"},
                {"conv5x4,pool2,pool2,conv9x4,10", "has a 9×9 window, larger than the 4×6×6 it receives"},
                {"conv4x4same,10", "'same' padding needs an odd kernel size"},
                {"conv3x4p3,10", "pads by 3, which must be below its kernel size 3"}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LayerSpec.parse(bad[0]).bind(MNIST));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
    }

    @Test
    void defaultNetworkHasLogitsForCrossEntropyAndDropoutWhenAsked() {
        TrainOptions options = new TrainOptions();
        options.dropout = 0.2f;
        Network net = options.resolve(MNIST, 60_000).buildNetwork();
        assertEquals("784-256(relu)-dropout(0.2)-10(identity), cross-entropy", net.describe());
        assertEquals(List.of(), options.givenModelFlags().stream().filter(f -> !f.equals("--dropout")).toList());
    }

    // --- --augment ---

    @TempDir
    Path work;

    @Test
    void augmentBeyondAQuarterOfTheImageSideIsAUsageErrorWithTheRange() throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 20, 10);
        CliRun run = CliRun.of("train", "--data", data.toString(), "--augment", "8", "--save",
                work.resolve("m.snet").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--augment must be between 0 and 7 pixels for the 28×28 images of "
                + data + " (a quarter of the shorter side), got 8"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aNegativeAugmentIsAUsageErrorBeforeAnyDataIsRead() {
        CliRun run = CliRun.of("train", "--data", "no-such-folder", "--augment", "-1");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--augment must be at least 0, got -1"), run.err());
    }

    @Test
    void augmentIsFixedByTheCheckpointWhenResuming() {
        CliRun run = CliRun.of("train", "--resume", "x.snet", "--augment", "2");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--resume continues with the settings saved in the checkpoint, so --augment "
                + "cannot be given with it"), run.err());
    }

    @Test
    void augmentOnDataThatIsNotImagesIsRefusedInOneSentence() {
        TrainOptions options = new TrainOptions();
        options.augment = 2;
        CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
        ParameterException e = assertThrows(ParameterException.class, () -> options.imageShift(spec, null, "data.csv"));
        assertEquals("--augment shifts images, but data.csv holds inputs that are not images; leave out --augment",
                e.getMessage());
        options.augment = 0;
        assertNull(options.imageShift(spec, null, "data.csv"), "--augment 0 is no augmentation, for any data");
        options.augment = 3;
        assertEquals(3, options.imageShift(spec, new ImageGeometry(1, 28, 28), "mnist").maxShift());
    }

    @Test
    void anAugmentedRunSaysSoAndItsCheckpointKeepsTheShiftAcrossAResume() throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 64, 10);
        String model = work.resolve("aug.snet").toString();
        CliRun first = CliRun.of("train", "--data", data.toString(), "--hidden", "8", "--epochs", "1", "--augment", "2",
                "--backend", "scalar", "--save", model);
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("64 training images shifted by up to 2 pixels, 10 test images"), first.out());
        assertEquals(2, NetworkFormat.load(Path.of(model), new ScalarBackend()).trainingState().imageShift());

        CliRun resumed = CliRun.of("train", "--resume", model, "--epochs", "2", "--data", data.toString(),
                "--backend", "scalar");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("shifted by up to 2 pixels"), resumed.out());
        assertEquals(2, NetworkFormat.load(Path.of(model), new ScalarBackend()).trainingState().imageShift());
        CliRun summary = CliRun.of("summary", "--model", model);
        assertTrue(summary.out().contains("checkpoint after epoch 2 of 2 (momentum, batch 64, --augment 2)"), summary.out());
    }

    @Test
    void aCheckpointWithAShiftTooLargeForTheImagesIsRefusedInOneSentence() throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 64, 10);
        String model = work.resolve("m.snet").toString();
        CliRun first = CliRun.of("train", "--data", data.toString(), "--hidden", "8", "--epochs", "1", "--backend",
                "scalar", "--save", model);
        assertEquals(0, first.exitCode(), first.toString());
        SavedModel saved = NetworkFormat.load(Path.of(model), new ScalarBackend());
        TrainingState s = saved.trainingState();
        NetworkFormat.save(saved.network(), saved.normalization(), new TrainingState(s.config(), s.epochsCompleted(),
                s.optimizerSteps(), s.optimizerState(), 0, Double.NaN, 9), Path.of(model));
        CliRun resumed = CliRun.of("train", "--resume", model, "--epochs", "2", "--data", data.toString());
        assertEquals(1, resumed.exitCode(), resumed.toString());
        assertEquals("scratchnet train: cannot resume from " + model + ": it records image shifts of up to 9 pixels, "
                + "but 28×28 images allow at most 7; start a new run", resumed.err().strip());
    }

    @Test
    void theDefaultNetworkTakesTheDataInputsAndClasses() {
        TrainOptions options = new TrainOptions();
        assertEquals("4-256(relu)-3(identity), cross-entropy", options.resolve(IRIS, 100).buildNetwork().describe());
        options.hidden = List.of(8);
        assertEquals("3072-8(relu)-3(identity), cross-entropy", options.resolve(PETS, 100).buildNetwork().describe());
    }

    @Test
    void theCnnPresetReadsColourPicturesOfAnySizeAndEndsWithTheirClasses() {
        TrainOptions options = new TrainOptions();
        options.preset = "cnn";
        Network net = options.resolve(PETS, 100).buildNetwork();
        assertTrue(net.describe().startsWith("3×32×32-conv5x20(relu)-pool2-conv5x40(relu)-pool2-100(relu)"), net.describe());
        assertTrue(net.describe().endsWith("-3(identity), cross-entropy"), net.describe());
    }

    @Test
    void layersThatDoNotFitTheDataGetOneSentence() {
        TrainOptions cnn = new TrainOptions();
        cnn.preset = "cnn";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cnn.resolve(IRIS, 100));
        assertTrue(e.getMessage().startsWith("--preset cnn needs pictures"), e.getMessage());
        TrainOptions conv = new TrainOptions();
        conv.layers = "conv3x4,3";
        e = assertThrows(IllegalArgumentException.class, () -> conv.resolve(IRIS, 100));
        assertTrue(e.getMessage().startsWith("convolution and pooling layers need pictures, but iris has rows of 4"),
                e.getMessage());
        TrainOptions output = new TrainOptions();
        output.layers = "4,16,10";
        e = assertThrows(IllegalArgumentException.class, () -> output.resolve(IRIS, 100));
        assertEquals("--layers must end with 3, one output per class of iris, got 10", e.getMessage());
        TrainOptions input = new TrainOptions();
        input.layers = "784,16,3";
        e = assertThrows(IllegalArgumentException.class, () -> input.resolve(IRIS, 100));
        assertEquals("--layers must start with 4, the number of inputs of iris, got 784", e.getMessage());
        TrainOptions batch = new TrainOptions();
        batch.batchSize = 101;
        e = assertThrows(IllegalArgumentException.class, () -> batch.resolve(IRIS, 100));
        assertEquals("--batch must be between 1 and 100, the number of training examples, got 101", e.getMessage());
    }
}
