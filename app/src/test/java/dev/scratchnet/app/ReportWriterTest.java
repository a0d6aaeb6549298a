package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ForwardingBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final int TEST_SIZE = 50;

    @TempDir
    Path tmp;

    /** Counts the forward products over the whole test set: one per dense layer for each pass over it. */
    private static final class CountingBackend extends ForwardingBackend {
        int testSetProducts;

        @Override
        public void matmul(Tensor a, Tensor b, Tensor out) {
            if (a.rows() == TEST_SIZE) {
                testSetProducts++;
            }
            super.matmul(a, b, out);
        }
    }

    private static Dataset testSet() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] images = new float[TEST_SIZE][784];
        int[] labels = new int[TEST_SIZE];
        for (int i = 0; i < TEST_SIZE; i++) {
            for (int p = 0; p < 784; p++) {
                images[i][p] = random.nextInt(256) / 255f;
            }
            labels[i] = i % 10;
        }
        return Dataset.ofClasses(images, labels, 10);
    }

    @Test
    void theReportRunsTheNetworkOverTheTestSetOnce() throws Exception {
        CountingBackend backend = new CountingBackend();
        Network network = Network.builder().input(784).dense(8, Activation.RELU).dense(10, Activation.IDENTITY)
                .seed(2).backend(backend).build();
        Dataset test = testSet();

        Evaluation evaluation = ReportWriter.write(tmp, network, Models.mnist(Normalization.UNIT), test,
                ChartsTest.history(2, false));

        assertEquals(2, backend.testSetProducts, "one pass over the test set: one product per dense layer");
        assertTrue(Files.isRegularFile(tmp.resolve("misclassified.png")));
        Evaluation separately = network.evaluate(test);
        assertEquals(separately.loss(), evaluation.loss());
        assertEquals(separately.correct(), evaluation.correct());
        for (int c = 0; c < 10; c++) {
            assertArrayEquals(separately.confusion()[c], evaluation.confusion()[c]);
        }
    }

    @Test
    void aReportFromTheLastEpochsTestPassDoesNotRunTheNetworkOverTheTestSetAgain() throws Exception {
        CountingBackend backend = new CountingBackend();
        Network network = Network.builder().input(784).dense(8, Activation.RELU).dense(10, Activation.IDENTITY)
                .seed(2).backend(backend).build();
        Dataset test = testSet();
        ReportWriter.TestPass pass = ReportWriter.TestPass.of(network, test); // what the monitor keeps
        assertEquals(2, backend.testSetProducts);

        Evaluation evaluation = ReportWriter.write(tmp, network, Models.mnist(Normalization.UNIT), test,
                ChartsTest.history(2, false), pass);

        assertEquals(2, backend.testSetProducts, "no second pass over the test set");
        assertSame(pass.evaluation(), evaluation);
        assertTrue(Files.isRegularFile(tmp.resolve("misclassified.png")));
    }

    @Test
    void theMistakesAreTheConfidentWrongPredictionsOfTheNetwork() {
        Network network = Network.builder().input(784).dense(8, Activation.RELU).dense(10, Activation.IDENTITY)
                .seed(2).build();
        Dataset test = testSet();
        Tensor predictions = network.predict(test.inputs());
        List<Charts.Example> mistakes = ReportWriter.mostConfidentMistakes(predictions, Models.mnist(Normalization.UNIT).preprocessing(), test, 5);
        int[] predicted = network.predictClasses(test.inputs());
        for (Charts.Example e : mistakes) {
            assertEquals(predicted[e.index()], e.predicted());
            assertTrue(e.predicted() != e.label());
            assertEquals(predictions.get(e.index(), e.predicted()), e.confidence(), 0.0);
        }
    }
}
