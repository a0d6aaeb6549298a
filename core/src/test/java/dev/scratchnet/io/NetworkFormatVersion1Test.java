package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.model.TrainingState;
import dev.scratchnet.optim.OptimizerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files written by format version 1 (Scratchnet before the open layer seam) still load and
 * predict what they predicted when they were saved. The fixtures were written by that code, and the
 * expected values below were printed by it right after saving.
 */
class NetworkFormatVersion1Test {
    /** predict(uniform(3, 784, seed 99)) of v1-784-16-dropout-10.snm, as saved. */
    private static final float[] MNIST_LIKE_PREDICTIONS = {
        0.09817004f, 0.1143418f, 0.070763f, 0.06291735f, 0.1556026f, 0.20351425f, 0.09840113f, 0.10398232f,
        0.053816415f, 0.038491115f, 0.04569014f, 0.05538054f, 0.13519716f, 0.06846696f, 0.2376997f, 0.10348137f,
        0.090575054f, 0.10580679f, 0.107479595f, 0.050222665f, 0.080322705f, 0.061778776f, 0.105204344f,
        0.13469099f, 0.07728262f, 0.023042526f, 0.035706967f, 0.15569112f, 0.17952816f, 0.14675173f,
    };
    /** predict(uniform(4, 2, seed 98)) of v1-2-6-dropout-4-checkpoint.snm, as saved. */
    private static final float[] CHECKPOINT_PREDICTIONS = {
        0.23266047f, 0.387949f, 0.23516396f, 0.14422658f, 0.2507136f, 0.3276382f, 0.2505576f, 0.17109066f,
        0.26251045f, 0.25453264f, 0.25990406f, 0.22305286f, 0.18737407f, 0.3645352f, 0.18586719f, 0.2622235f,
    };

    @TempDir
    Path dir;

    private SavedModel load(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = NetworkFormatVersion1Test.class.getResourceAsStream(name)) {
            assertNotNull(in, "test fixture " + name + " is missing");
            Files.write(file, in.readAllBytes());
        }
        return NetworkFormat.load(file, new ScalarBackend());
    }

    @Test
    void version1ModelLoadsWithItsWeights() throws Exception {
        SavedModel model = load("v1-784-16-dropout-10.snm");
        assertEquals("784-16(relu)-dropout(0.5)-10(identity), cross-entropy", model.network().describe());
        assertEquals(new Normalization(1f / 255f, 0f), model.normalization());
        assertNull(model.trainingState());
        assertArrayEquals(MNIST_LIKE_PREDICTIONS, model.network().predict(SyntheticData.uniform(3, 784, 99)).data(), 1e-6f);
    }

    @Test
    void aVersion1ModelSavedAgainIsVersion2AndPredictsTheSame() throws Exception {
        SavedModel old = load("v1-784-16-dropout-10.snm");
        byte[] bytes = NetworkFormat.toBytes(old.network(), old.normalization(), null);
        assertEquals(NetworkFormat.VERSION, java.nio.ByteBuffer.wrap(bytes).getInt(8));
        SavedModel again = NetworkFormat.fromBytes(bytes, "again.snm", new ScalarBackend());
        assertEquals(old.network().describe(), again.network().describe());
        assertArrayEquals(MNIST_LIKE_PREDICTIONS, again.network().predict(SyntheticData.uniform(3, 784, 99)).data(), 1e-6f);
    }

    @Test
    void version1CheckpointLoadsWithItsTrainingState() throws Exception {
        SavedModel model = load("v1-2-6-dropout-4-checkpoint.snm");
        assertEquals("2-6(tanh)-dropout(0.25)-4(identity), cross-entropy", model.network().describe());
        assertArrayEquals(CHECKPOINT_PREDICTIONS, model.network().predict(SyntheticData.uniform(4, 2, 98)).data(), 1e-6f);
        TrainingState state = model.trainingState();
        assertNotNull(state);
        assertEquals(3, state.epochsCompleted());
        assertEquals(6, state.optimizerSteps());
        assertEquals(OptimizerKind.ADAM, state.config().optimizer());
        assertEquals(8, state.optimizerState().size()); // Adam: m and v for 4 parameters
    }
}
