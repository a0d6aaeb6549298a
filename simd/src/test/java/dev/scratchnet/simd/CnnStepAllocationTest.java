package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.model.EpochStats;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingListener;
import dev.scratchnet.testing.StepAllocation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A warm training step of a small CNN on the vector backend allocates nothing: the convolution, pooling, dense
 * and optimizer kernels together, as a training run calls them. Runs in a JVM of its own (simd/pom.xml says why).
 */
class CnnStepAllocationTest {
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void aWarmCnnTrainingStepAllocatesNothing(int threads) {
        Dataset train = SyntheticData.bars(640, 16, 3);
        Network net = Network.builder().input(new Shape(1, 16, 16))
                .conv(5, 8, Activation.RELU).maxPool(2).conv(5, 8, Activation.RELU).maxPool(2)
                .dense(2, Activation.IDENTITY).backend(new VectorBackend(threads)).seed(4).build();
        // Interpreted or C1-compiled code keeps vectors as objects, so the step allocates until C2 has
        // compiled every kernel: the test trains until one epoch's steps 2 to 10 allocate nothing, for
        // as long as JitPatience allows; a steady allocation fails.
        Trainer trainer = new Trainer(net, config(Integer.MAX_VALUE));
        long deadline = JitPatience.deadline();
        StepAllocation steps = new StepAllocation();
        trainer.addListener(steps);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                if (steps.last() < JitPatience.SLACK_BYTES || JitPatience.over(deadline)) {
                    trainer.requestStop();
                }
            }
        });
        trainer.fit(train, null);
        List<Long> perEpoch = steps.perEpoch();
        long last = perEpoch.get(perEpoch.size() - 1);
        if (last >= JitPatience.SLACK_BYTES) {
            int epochs = perEpoch.size();
            Trainer oneMore = new Trainer(net, config(1));
            fail("allocated " + last + " bytes in 9 steps of the last of " + epochs + " epochs on " + threads
                    + " thread(s) (first epochs " + perEpoch.subList(0, Math.min(5, epochs)) + ", last "
                    + perEpoch.subList(Math.max(0, epochs - 5), epochs) + "); "
                    + AllocationSites.of(() -> oneMore.fit(train, null)));
        }
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().learningRate(0.01f).batchSize(64).epochs(epochs).build();
    }
}
