package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.data.Preprocessing;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

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
