package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
    @Test
    void textRoundTripKeepsEveryField() {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.NESTEROV).learningRate(0.03f)
                .momentum(0.8f).beta1(0.85f).beta2(0.99f).epsilon(1e-7f).batchSize(17).epochs(9).l2(1e-4f)
                .schedule(LearningRateSchedule.step(3, 0.5f)).seed(-5).build();
        assertEquals(config, TrainingConfig.fromText(config.toText()));
    }

    @Test
    void outOfRangeValuesNameTheRange() {
        assertMessage("learning rate must be a number > 0, got -1.0", () -> TrainingConfig.builder().learningRate(-1).build());
        assertMessage("batch size must be at least 1, got 0", () -> TrainingConfig.builder().batchSize(0).build());
        assertMessage("epochs must be at least 1, got 0", () -> TrainingConfig.builder().epochs(0).build());
        assertMessage("momentum must be in [0, 1), got 1.0", () -> TrainingConfig.builder().momentum(1).build());
        assertMessage("learning rate must be a number > 0, got NaN", () -> TrainingConfig.builder().learningRate(Float.NaN).build());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.1f, LearningRateSchedule.constant().rate(0.1f, 7, 10));
        assertEquals(0.025f, LearningRateSchedule.step(2, 0.5f).rate(0.1f, 5, 10), 1e-9f);
        assertEquals(0.1f, LearningRateSchedule.cosine().rate(0.1f, 0, 10), 1e-9f);
        assertEquals(0.05f, LearningRateSchedule.cosine().rate(0.1f, 5, 10), 1e-7f);
        assertEquals("step:5:0.5", LearningRateSchedule.parse("step:5:0.5").toString());
        assertMessage("unknown schedule 'linear'; use constant, cosine, or step:EVERY:FACTOR such as step:5:0.5",
                () -> LearningRateSchedule.parse("linear"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, code);
        assertTrue(e.getMessage().equals(expected), e.getMessage());
    }
}
