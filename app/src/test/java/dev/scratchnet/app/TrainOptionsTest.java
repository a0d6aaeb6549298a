package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    @Test
    void nielsenPresetIsTheClassicCourseNetwork() {
        TrainOptions options = new TrainOptions();
        options.preset = "nielsen";
        TrainOptions.Settings s = options.resolve();
        assertArrayEquals(new int[] {784, 30, 10}, s.layers());
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
        TrainOptions.Settings s = options.resolve();
        assertEquals(2, s.epochs());
        assertArrayEquals(new int[] {784, 64, 32, 10}, s.layers());
        assertEquals(3.0f, s.learningRate());
    }

    @Test
    void defaultNetworkHasLogitsForCrossEntropyAndDropoutWhenAsked() {
        TrainOptions options = new TrainOptions();
        options.dropout = 0.2f;
        Network net = options.resolve().buildNetwork();
        assertEquals("784-256(relu)-dropout(0.2)-10(identity), cross-entropy", net.describe());
        assertEquals(List.of(), options.givenModelFlags().stream().filter(f -> !f.equals("--dropout")).toList());
    }
}
