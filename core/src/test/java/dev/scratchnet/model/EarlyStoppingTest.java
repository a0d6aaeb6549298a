package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** A learning rate this small leaves the weights as they are, so validation accuracy never improves. */
    static TrainingConfig frozen(int epochs) {
        return TrainingConfig.builder().optimizer(OptimizerKind.SGD).learningRate(1e-30f).batchSize(32).epochs(epochs)
                .seed(1).build();
    }

    static Network network() {
        return Network.builder().input(2).dense(8, Activation.RELU).dense(4, Activation.IDENTITY).seed(5).build();
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        Dataset data = SyntheticData.blobs(200, 1);
        Trainer trainer = new Trainer(network(), frozen(10));
        trainer.addListener(new EarlyStopping(trainer, 2));
        TrainingResult result = trainer.fit(data.slice(0, 160), data.slice(160, 200));
        assertEquals(3, result.epochs().size(), "epoch 1 sets the best, epochs 2 and 3 do not beat it");
        assertTrue(result.stoppedEarly());
        assertEquals(1, trainer.bestValidationEpoch());
    }

    @Test
    void aResumedRunMustBeatTheCheckpointsBest() {
        Dataset data = SyntheticData.blobs(200, 1);
        Network network = network();
        Trainer trainer = new Trainer(network, frozen(10));
        // A checkpoint after epoch 4 whose best validation accuracy (100%) this frozen network cannot reach.
        trainer.resumeFrom(new TrainingState(frozen(10), 4, 0, List.of(), 40, 1.0));
        trainer.addListener(new EarlyStopping(trainer, 2));
        TrainingResult result = trainer.fit(data.slice(0, 160), data.slice(160, 200));
        assertEquals(2, result.epochs().size(), "two epochs without beating the saved best, not three");
        assertEquals(6, trainer.epochsCompleted());
    }

    @Test
    void patienceBelowOneIsRefused() {
        Trainer trainer = new Trainer(network(), frozen(1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(trainer, 0));
    }
}
