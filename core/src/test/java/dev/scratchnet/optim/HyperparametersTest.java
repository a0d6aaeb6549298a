package dev.scratchnet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HyperparametersTest {

    private static void assertMessage(String expected, Runnable check) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, check::run).getMessage());
    }

    @Test
    void eachRuleReturnsWhatItAcceptsAndNamesTheRangeOtherwise() {
        assertEquals(0.5f, Hyperparameters.positive("learning rate", 0.5f));
        assertMessage("learning rate must be a number > 0, got 0.0", () -> Hyperparameters.positive("learning rate", 0f));
        assertMessage("epsilon must be a number > 0, got Infinity",
                () -> Hyperparameters.positive("epsilon", Float.POSITIVE_INFINITY));

        assertEquals(0f, Hyperparameters.nonNegative("weight decay", 0f));
        assertMessage("weight decay must be a number ≥ 0, got NaN", () -> Hyperparameters.nonNegative("weight decay", Float.NaN));

        assertEquals(0f, Hyperparameters.fraction("momentum", 0f));
        assertMessage("dropout rate must be in [0, 1), got 1.0", () -> Hyperparameters.fraction("dropout rate", 1f));
        assertMessage("beta1 must be in [0, 1), got -0.1", () -> Hyperparameters.fraction("beta1", -0.1f));

        assertEquals(1, Hyperparameters.atLeastOne("epochs", 1));
        assertMessage("batch size must be at least 1, got 0", () -> Hyperparameters.atLeastOne("batch size", 0));
    }

    @Test
    void optimizersCheckThroughTheSameRules() {
        assertMessage("epsilon must be a number > 0, got 0.0", () -> new Adam(0.9f, 0.999f, 0f, 0f));
        assertMessage("momentum must be in [0, 1), got 1.0", () -> new Momentum(1f, false, 0f));
        assertMessage("weight decay must be a number ≥ 0, got -1.0", () -> new Sgd(-1f));
    }
}
