package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * DirectConvKernel keeps a padded image and δ rows per thread whose zeros it relies on. Two direct layers
 * of different geometries, in turn on one thread (as in a network with both), must each get the results
 * they get alone, and, once warm, allocate nothing. (BackendContractTest checks the values themselves.)
 */
class DirectConvKernelTest {
    private static final ConvGeometry PADDED = new ConvGeometry(1, 20, 19, 3, 1, 1);
    private static final ConvGeometry WIDER = new ConvGeometry(3, 17, 18, 3, 1, 0);

    @Test
    void layersOfTwoGeometriesInTurnKeepTheirResults() {
        VectorBackend backend = new VectorBackend(1);
        Pass padded = new Pass(PADDED, 4, 1), wider = new Pass(WIDER, 5, 2);
        float[][] paddedAlone = padded.runAndCopy(backend), widerAlone = wider.runAndCopy(backend);
        for (int round = 0; round < 3; round++) {
            assertResults(paddedAlone, padded.runAndCopy(backend), "padded layer after the other, round " + round);
            assertResults(widerAlone, wider.runAndCopy(backend), "wider layer after the other, round " + round);
        }
    }

    @Test
    void layersOfTwoGeometriesInTurnAllocateNothingWhenWarm() {
        VectorBackend backend = new VectorBackend(1);
        Pass padded = new Pass(PADDED, 4, 3), wider = new Pass(WIDER, 5, 4);
        long deadline = JitPatience.deadline();
        long allocated = -1;
        while (!JitPatience.over(deadline)) {
            long start = JitPatience.allocatedBytes();
            for (int call = 0; call < 50; call++) {
                padded.run(backend);
                wider.run(backend);
            }
            allocated = JitPatience.allocatedBytes() - start;
            if (allocated < JitPatience.SLACK_BYTES) {
                return;
            }
        }
        fail("still allocating: " + allocated + " bytes in the last 50 rounds");
    }

    private static void assertResults(float[][] expected, float[][] actual, String what) {
        String[] names = {"y", "∂L/∂W", "∂L/∂b"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(expected[i], actual[i], names[i] + " of the " + what);
        }
    }

    /** One layer's forward pass and gradients, on operands made once. */
    private static final class Pass {
        final ConvGeometry g;
        final Tensor x, weights, bias, delta, y, gradWeights, gradBias;

        Pass(ConvGeometry g, int filters, long seed) {
            this.g = g;
            x = SyntheticData.uniform(3, g.inputSize(), seed);
            weights = SyntheticData.uniform(filters, g.patchSize(), seed + 10);
            bias = SyntheticData.uniform(1, filters, seed + 20);
            delta = SyntheticData.uniform(3, filters * g.positions(), seed + 30);
            y = new Tensor(3, filters * g.positions());
            gradWeights = new Tensor(filters, g.patchSize());
            gradBias = new Tensor(1, filters);
        }

        /** Runs the forward pass and the gradients, allocating nothing itself. */
        void run(VectorBackend backend) {
            backend.convolve(g, x, weights, bias, Activation.RELU, y);
            backend.convolutionGradients(g, x, delta, gradWeights, gradBias);
        }

        /** @return copies of y, ∂L/∂W and ∂L/∂b after a run */
        float[][] runAndCopy(VectorBackend backend) {
            run(backend);
            return new float[][] {y.data().clone(), gradWeights.data().clone(), gradBias.data().clone()};
        }
    }
}
