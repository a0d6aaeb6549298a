package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {

    private static Network xorNetwork(long seed) {
        return Network.builder().input(2).dense(8, Activation.TANH).dense(2, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY).seed(seed).build();
    }

    private static float learningRateFor(OptimizerKind kind) {
        return kind == OptimizerKind.ADAM ? 0.05f : kind == OptimizerKind.SGD ? 0.5f : 0.1f;
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerSolvesXor(OptimizerKind kind) {
        Network net = xorNetwork(1);
        Dataset xor = SyntheticData.xor();
        double before = net.evaluate(xor).loss();
        TrainingConfig config = TrainingConfig.builder().optimizer(kind).learningRate(learningRateFor(kind))
                .batchSize(4).epochs(500).build();
        new Trainer(net, config).fit(xor, null);
        Evaluation after = net.evaluate(xor);
        assertEquals(1.0, after.accuracy(), kind + ": " + after);
        assertTrue(after.loss() < before / 10, kind + ": loss " + before + " → " + after.loss());
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerSeparatesBlobs(OptimizerKind kind) {
        Dataset train = SyntheticData.blobs(800, 1), test = SyntheticData.blobs(400, 2);
        Network net = Network.builder().input(2).dense(16, Activation.RELU).dense(4, Activation.IDENTITY).seed(3).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(kind).learningRate(kind == OptimizerKind.ADAM ? 0.01f : 0.05f)
                .batchSize(32).epochs(10).build();
        TrainingResult result = new Trainer(net, config).fit(train, test);
        assertEquals(10, result.epochs().size());
        assertTrue(result.last().trainLoss() < result.epochs().get(0).trainLoss(), "loss must drop");
        assertTrue(result.last().validation().accuracy() > 0.95, kind + ": " + result.last().validation());
    }

    @Test
    void quadraticLossWithSigmoidOutputLearnsToo() {
        Dataset train = SyntheticData.blobs(800, 1);
        Network net = Network.builder().input(2).dense(16, Activation.SIGMOID).dense(4, Activation.SIGMOID)
                .loss(LossKind.QUADRATIC).seed(3).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.SGD).learningRate(3f).batchSize(10)
                .epochs(10).build();
        new Trainer(net, config).fit(train, null);
        assertTrue(net.evaluate(SyntheticData.blobs(400, 2)).accuracy() > 0.95);
    }

    @Test
    void sameSeedGivesTheSameWeights() {
        assertEquals(trainedWeights(7, 4), trainedWeights(7, 4));
        assertNotEquals(trainedWeights(7, 4), trainedWeights(8, 4));
    }

    @Test
    void resumingAfterTwoEpochsEndsWhereFourStraightEpochsEnd() {
        Dataset train = SyntheticData.blobs(300, 5);
        TrainingConfig config = blobConfig(4, 7);
        Network straight = blobNetwork();
        new Trainer(straight, config).fit(train, null);

        Network interrupted = blobNetwork();
        Trainer first = new Trainer(interrupted, config.toBuilder().build());
        first.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                if (stats.epoch() == 2) {
                    first.requestStop();
                }
            }
        });
        TrainingResult half = first.fit(train, null);
        assertTrue(half.stoppedEarly());
        TrainingState saved = first.state();
        assertEquals(2, saved.epochsCompleted());

        Trainer second = new Trainer(interrupted, config);
        second.resumeFrom(saved);
        TrainingResult rest = second.fit(train, null);
        assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(weights(straight), weights(interrupted));
    }

    @Test
    void theStateCarriesTheValidationSizeAndBestAccuracyAndAResumeRestoresThem() {
        Dataset train = SyntheticData.blobs(200, 1), held = SyntheticData.blobs(50, 2);
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).batchSize(20).epochs(3).build();
        Trainer first = new Trainer(Network.builder().input(2).dense(8, Activation.RELU).dense(4, Activation.IDENTITY)
                .seed(3).build(), config);
        first.fit(train, held);
        TrainingState state = first.state();
        assertEquals(50, state.validationSize());
        assertEquals(first.bestValidationAccuracy(), state.bestValidationAccuracy());
        assertTrue(state.bestValidationAccuracy() > 0.5, state.toString());

        // A saved best of 100% cannot be beaten: no epoch after the resume may count as the new best.
        TrainingState perfect = new TrainingState(state.config(), state.epochsCompleted(), state.optimizerSteps(),
                state.optimizerState(), state.validationSize(), 1.0);
        Trainer resumed = new Trainer(first.network(), config.toBuilder().epochs(5).build());
        resumed.resumeFrom(perfect);
        assertEquals(1.0, resumed.bestValidationAccuracy());
        assertEquals(3, resumed.bestValidationEpoch());
        resumed.fit(train, held);
        assertEquals(3, resumed.bestValidationEpoch(), "the first epochs after a resume must beat the saved best");
        assertEquals(1.0, resumed.state().bestValidationAccuracy());
    }

    @Test
    void resumingWithOptimizerStateOfAnotherShapeNamesBothShapes() {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).epochs(1).build();
        Trainer small = new Trainer(Network.builder().input(2).dense(5, Activation.RELU).dense(4, Activation.IDENTITY)
                .build(), config);
        Trainer large = new Trainer(Network.builder().input(2).dense(6, Activation.RELU).dense(4, Activation.IDENTITY)
                .build(), config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> large.resumeFrom(small.state()));
        assertTrue(e.getMessage().contains("is 2×5, but this network needs 2×6"), e.getMessage());
    }

    @Test
    void aTooLargeLearningRateStopsWithAHelpfulMessage() {
        Network net = Network.builder().input(2).dense(16, Activation.RELU).dense(4, Activation.IDENTITY).seed(3).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.SGD).learningRate(1e6f).epochs(5).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(net, config).fit(SyntheticData.blobs(400, 1), null));
        assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
    }

    @Test
    void stopRequestEndsTheRunAfterTheCurrentBatch() {
        Network net = blobNetwork();
        Trainer trainer = new Trainer(net, blobConfig(5, 1));
        List<Integer> batches = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int total, double loss) {
                batches.add(batch);
                if (batch == 3) {
                    trainer.requestStop();
                }
            }
        });
        TrainingResult result = trainer.fit(SyntheticData.blobs(300, 1), null);
        assertEquals(List.of(1, 2, 3), batches);
        assertTrue(result.stoppedEarly());
        assertEquals(0, trainer.epochsCompleted());
    }

    @Test
    void runningFiguresAtTheLastBatchAreTheEpochFigures() {
        Trainer trainer = new Trainer(blobNetwork(), blobConfig(2, 1));
        double[][] lastRunning = new double[2][];
        List<Double> batchLosses = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss, double epochLoss, double epochAccuracy) {
                if (epoch == 1) {
                    batchLosses.add(loss);
                }
                assertTrue(epochAccuracy >= 0 && epochAccuracy <= 1, "accuracy " + epochAccuracy);
                if (batch == batches) {
                    lastRunning[epoch - 1] = new double[] {epochLoss, epochAccuracy};
                }
            }
        });
        TrainingResult result = trainer.fit(SyntheticData.blobs(300, 1), null);
        for (int e = 0; e < 2; e++) {
            assertEquals(result.epochs().get(e).trainLoss(), lastRunning[e][0], 1e-12);
            assertEquals(result.epochs().get(e).trainAccuracy(), lastRunning[e][1], 1e-12);
        }
        assertTrue(batchLosses.size() > 1, "the per-batch loss still reaches listeners: " + batchLosses);
    }

    @Test
    void scheduleSetsTheLearningRateOfEachEpoch() {
        TrainingConfig config = blobConfig(3, 1).toBuilder().schedule(LearningRateSchedule.step(1, 0.5f)).build();
        TrainingResult result = new Trainer(blobNetwork(), config).fit(SyntheticData.blobs(100, 1), null);
        assertEquals(List.of(0.05f, 0.025f, 0.0125f), result.epochs().stream().map(EpochStats::learningRate).toList());
    }

    @Test
    void dataOfTheWrongWidthIsRejectedWithBothShapes() {
        Trainer trainer = new Trainer(xorNetwork(1), blobConfig(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(SyntheticData.blobs(10, 1), null));
        assertTrue(e.getMessage().contains("4 outputs") && e.getMessage().contains("2 outputs"), e.getMessage());
    }

    @Test
    void aWarmTrainingStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Dataset train = SyntheticData.blobs(640, 1);
        Network net = Network.builder().input(2).dense(32, Activation.RELU).dropout(0.1f).dense(4, Activation.IDENTITY)
                .seed(1).build();
        long[] perEpoch = new long[4];
        Trainer trainer = new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f).batchSize(64).epochs(perEpoch.length).build());
        trainer.addListener(new TrainingListener() {
            private long start;

            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                if (batch == 1) {
                    start = threads.getCurrentThreadAllocatedBytes();
                } else if (batch == batches) {
                    perEpoch[epoch - 1] = threads.getCurrentThreadAllocatedBytes() - start;
                }
            }
        });
        trainer.fit(train, null);
        // Batches 2…10 of the last epoch: nothing may be allocated per step (a little slack for the
        // allocation counter itself, far below one small tensor per step).
        assertTrue(perEpoch[perEpoch.length - 1] < 1024, "allocated " + perEpoch[perEpoch.length - 1] + " bytes in 9 steps");
    }

    private static Network blobNetwork() {
        return Network.builder().input(2).dense(12, Activation.RELU).dropout(0.2f).dense(4, Activation.IDENTITY)
                .seed(9).build();
    }

    private static TrainingConfig blobConfig(int epochs, long seed) {
        return TrainingConfig.builder().optimizer(OptimizerKind.ADAM).learningRate(0.05f).batchSize(32).epochs(epochs)
                .seed(seed).build();
    }

    private static List<List<Float>> trainedWeights(long seed, int epochs) {
        Network net = blobNetwork();
        new Trainer(net, blobConfig(epochs, seed)).fit(SyntheticData.blobs(300, 5), null);
        return weights(net);
    }

    private static List<List<Float>> weights(Network net) {
        List<List<Float>> all = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            List<Float> values = new ArrayList<>();
            for (float v : p.value().data()) {
                values.add(v);
            }
            all.add(values);
        }
        assertFalse(all.isEmpty());
        return all;
    }
}
