package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.model.Evaluation;
import dev.scratchnet.testing.TestData;
import org.junit.jupiter.api.Test;

class MnistExampleTest {

    @Test
    void reachesMoreThan97PercentOnTheTestSet() throws Exception {
        Evaluation test = MnistExample.run(TestData.mnist());

        assertEquals(10_000, test.count());
        assertTrue(test.accuracy() > 0.97, () -> "test set: " + test);
    }
}
