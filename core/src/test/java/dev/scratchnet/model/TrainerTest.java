package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ForwardingBackend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.ImageShift;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.testing.StepAllocation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
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

    /**
     * A backend that runs the parts of each batch gathered ahead only when the trainer waits for them, as late
     * as it may, and last part first: the parts must not depend on their order.
     */
    private static final class LateGather extends ForwardingBackend {
        private IntConsumer pending;
        private int pendingParts;

        LateGather() {
            super(new ScalarBackend());
        }

        @Override
        public void runAhead(int parts, IntConsumer task) {
            assertNull(pending, "one task ahead at a time");
            pending = task;
            pendingParts = parts;
        }

        @Override
        public void awaitAhead() {
            IntConsumer task = pending;
            pending = null;
            for (int i = pendingParts - 1; task != null && i >= 0; i--) {
                task.accept(i);
            }
        }
    }

    @Test
    void theBatchGatheredAheadIsTheOneTheNextStepTrainsOn() {
        // The scalar backend gathers the next batch at once, while the step's own batch is still in use;
        // LateGather only when the next step begins. Ten batches of 32 and a last one of 12, with dropout.
        Network atOnce = blobNetwork();
        new Trainer(atOnce, blobConfig(3, 4)).fit(SyntheticData.blobs(300, 5), null);
        LateGather late = new LateGather();
        Network gatheredLate = Network.builder().input(2).dense(12, Activation.RELU).dropout(0.2f)
                .dense(4, Activation.IDENTITY).seed(9).backend(late).build();
        new Trainer(gatheredLate, blobConfig(3, 4)).fit(SyntheticData.blobs(300, 5), null);
        assertEquals(weights(atOnce), weights(gatheredLate));
        assertNull(late.pending, "no gather is left over when fit returns");
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
        Dataset train = SyntheticData.blobs(640, 1);
        Network net = Network.builder().input(2).dense(32, Activation.RELU).dropout(0.1f).dense(4, Activation.IDENTITY)
                .seed(1).build();
        int epochs = 4;
        Trainer trainer = new Trainer(net, TrainingConfig.builder().optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f).batchSize(64).epochs(epochs).build());
        StepAllocation steps = new StepAllocation();
        trainer.addListener(steps);
        trainer.fit(train, null);
        // Batches 2…10 of the last epoch: nothing may be allocated per step (a little slack for the
        // allocation counter itself, far below one small tensor per step).
        assertTrue(steps.last() < 1024, "allocated " + steps.last() + " bytes in 9 steps");
    }

    // --- Image augmentation (ImageShift) ---

    private static final ImageGeometry BAR_IMAGE = new ImageGeometry(1, 8, 8);

    private static Network barNetwork() {
        return Network.builder().input(64).dense(24, Activation.RELU).dense(2, Activation.IDENTITY).seed(11).build();
    }

    private static TrainingConfig barConfig(int epochs) {
        return TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).learningRate(0.05f).batchSize(16)
                .epochs(epochs).seed(21).build();
    }

    /** 8×8 pictures of a horizontal (class 0) or vertical (class 1) bar at a row or column in [from, to). */
    private static Dataset barsAt(int n, int from, int to, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[][] x = new float[n][64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            int at = from + random.nextInt(to - from);
            for (int t = 0; t < 8; t++) {
                x[i][labels[i] == 0 ? at * 8 + t : t * 8 + at] = 1f;
            }
        }
        return Dataset.ofClasses(x, labels, 2);
    }

    @Test
    void shiftedTrainingImagesTeachBarsAtPositionsTheDataNeverShows() {
        // Trained only on bars in the middle two rows and columns, tested on bars anywhere: the shifted
        // copies put bars at rows and columns 1 … 6, which a dense layer cannot learn otherwise.
        Dataset train = barsAt(400, 3, 5, 1), test = barsAt(400, 0, 8, 2);
        Network plain = barNetwork();
        new Trainer(plain, barConfig(6)).fit(train, null);
        Network augmented = barNetwork();
        new Trainer(augmented, barConfig(6)).augment(new ImageShift(BAR_IMAGE, 2)).fit(train, null);
        double without = plain.evaluate(test).accuracy(), with = augmented.evaluate(test).accuracy();
        assertTrue(with > without + 0.3 && with > 0.7, "test accuracy without shifts " + without + ", with " + with);
    }

    @Test
    void anAugmentedRunRepeatsWithTheSameSeedAndDiffersFromAPlainOne() {
        Dataset train = barsAt(200, 0, 8, 3);
        List<List<Float>> once = augmentedBarWeights(train, 2);
        assertEquals(once, augmentedBarWeights(train, 2));
        assertNotEquals(once, augmentedBarWeights(train, 0), "the shift must change what the network sees");
        assertEquals(augmentedBarWeights(train, 0), weightsWithoutAugment(train), "a shift of 0 is no augmentation");
    }

    private static List<List<Float>> augmentedBarWeights(Dataset train, int maxShift) {
        Network net = barNetwork();
        new Trainer(net, barConfig(2)).augment(new ImageShift(BAR_IMAGE, maxShift)).fit(train, null);
        return weights(net);
    }

    private static List<List<Float>> weightsWithoutAugment(Dataset train) {
        Network net = barNetwork();
        new Trainer(net, barConfig(2)).fit(train, null);
        return weights(net);
    }

    @Test
    void resumingAnAugmentedRunEndsWhereFourStraightEpochsEnd() {
        // The default (scalar) backend: bit-identical weights, not merely close ones.
        Dataset train = barsAt(150, 0, 8, 4);
        ImageShift shift = new ImageShift(BAR_IMAGE, 2);
        Network straight = barNetwork();
        new Trainer(straight, barConfig(4)).augment(shift).fit(train, null);

        Network interrupted = barNetwork();
        Trainer first = new Trainer(interrupted, barConfig(4)).augment(shift);
        first.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                if (stats.epoch() == 2) {
                    first.requestStop();
                }
            }
        });
        first.fit(train, null);
        TrainingState saved = first.state();
        assertEquals(2, saved.imageShift());

        Trainer second = new Trainer(interrupted, barConfig(4)).augment(new ImageShift(BAR_IMAGE, 2));
        second.resumeFrom(saved);
        second.fit(train, null);
        assertEquals(weights(straight), weights(interrupted));
    }

    @Test
    void resumingWithAnotherShiftThanTheCheckpointsIsRefusedWithBoth() {
        Trainer first = new Trainer(barNetwork(), barConfig(1)).augment(new ImageShift(BAR_IMAGE, 2));
        first.fit(barsAt(40, 0, 8, 5), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(barNetwork(), barConfig(2)).resumeFrom(first.state()));
        assertEquals("the checkpoint was trained on images shifted by up to 2 pixels, but this run trains without "
                + "image shifts; use the checkpoint's augmentation to continue it", e.getMessage());
    }

    @Test
    void aShiftForImagesOfAnotherSizeIsRefusedBeforeTraining() {
        Trainer wrongSize = new Trainer(barNetwork(), barConfig(1)).augment(new ImageShift(new ImageGeometry(1, 4, 4), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrongSize.fit(barsAt(10, 0, 8, 6), null));
        assertTrue(e.getMessage().contains("1×4×4") && e.getMessage().contains("64 values"), e.getMessage());
        assertEquals(0, wrongSize.epochsCompleted());
    }

    @Test
    void aWarmAugmentedTrainingStepAllocatesNothing() {
        int epochs = 4;
        Trainer trainer = new Trainer(barNetwork(), barConfig(epochs)).augment(new ImageShift(BAR_IMAGE, 2));
        StepAllocation steps = new StepAllocation();
        trainer.addListener(steps);
        trainer.fit(barsAt(160, 0, 8, 7), null);
        // Batches 2…10 of the last epoch, each shifting 16 images: nothing may be allocated per step.
        assertTrue(steps.last() < 1024, "allocated " + steps.last() + " bytes in 9 steps");
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
