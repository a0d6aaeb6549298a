package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.model.Evaluation;
import dev.scratchnet.testing.TestData;
import org.junit.jupiter.api.Test;

class FashionMnistExampleTest {

    @Test
    void reachesMoreThan87PercentOnTheTestSet() throws Exception {
        Evaluation test = FashionMnistExample.run(TestData.fashionMnist());

        assertEquals(10_000, test.count());
        assertTrue(test.accuracy() > 0.87, () -> "test set: " + test);
    }
}
