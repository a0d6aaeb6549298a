package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.model.Evaluation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XorExampleTest {

    /** Several seeds, so the example is not solved by one lucky initialisation. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 42})
    void solvesAllFourPoints(long seed) {
        Evaluation evaluation = XorExample.run(seed);

        assertEquals(4, evaluation.count());
        assertEquals(1.0, evaluation.accuracy(), () -> "seed " + seed + ": " + evaluation);
    }
}
