package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.model.SyntheticData;
import dev.scratchnet.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The kernels built on VectorExp and Lanes.sum/max, and the matrix products that pack an operand with vectors,
 * allocate nothing once compiled (see the comment above VectorBackend.softmaxRows for how an inlining budget
 * made them box vectors). Before C2 compiles them the Vector API's Java fallback allocates freely, so the test
 * calls them in rounds until one round allocates nothing, for as long as {@link JitPatience} allows.
 */
class VectorBackendAllocationTest {
    private static final int CALLS_PER_ROUND = 200;

    @Test
    void softmaxAndExpKernelsAllocateNothingWhenWarm() {
        VectorBackend backend = new VectorBackend(1);
        // 37 columns: the vector loop, the fixed-order reductions and the scalar tail all run.
        Tensor logits = SyntheticData.uniform(16, 37, 1);
        Tensor targets = SyntheticData.oneHot(16, 37, 2);
        Tensor bias = SyntheticData.uniform(1, 37, 3);
        Tensor out = new Tensor(16, 37);
        // 10 columns: the short-row path of the cross-entropy where a vector is wider than 10 floats.
        Tensor shortLogits = SyntheticData.uniform(16, 10, 4);
        Tensor shortTargets = SyntheticData.oneHot(16, 10, 5);
        Tensor shortOut = new Tensor(16, 10);
        assertAllocatesNothingWhenWarm("kernel", () -> {
            backend.softmaxRows(logits, out);
            backend.softmaxCrossEntropy(logits, targets, out);
            backend.softmaxCrossEntropy(shortLogits, shortTargets, shortOut);
            backend.meanSquaredError(logits, targets, out);
            backend.addBiasActivate(logits, bias, Activation.SIGMOID, out);
            backend.addBiasActivate(logits, bias, Activation.TANH, out);
        });
    }

    @Test
    void productsThatPackTheirOperandsAllocateNothingWhenWarm() {
        // aᵀ·b with k = 300: the transposed a is packed (k above A_IN_PLACE_MAX_DEPTH), 5 whole panels and an edge
        // at 8 rows; a·b with 72 rows and 260 columns packs its plain a; a·bᵀ transposes b into panels.
        int m = 45, k = 300, n = 70;
        float[] a = SyntheticData.uniform(k, m, 6).data(), b = SyntheticData.uniform(k, n, 7).data();
        float[] c = new float[m * n];
        float[] plainA = SyntheticData.uniform(72, 100, 8).data(), wideB = SyntheticData.uniform(100, 260, 9).data();
        float[] wideC = new float[72 * 260];
        float[] rowsB = SyntheticData.uniform(n, k, 10).data(), rowsA = SyntheticData.uniform(m, k, 11).data();
        assertAllocatesNothingWhenWarm("product", () -> {
            MatmulKernel.multiply(a, true, b, false, c, m, n, k, 1);
            MatmulKernel.multiply(plainA, false, wideB, false, wideC, 72, 260, 100, 1);
            MatmulKernel.multiply(rowsA, false, rowsB, true, c, m, n, k, 1);
        });
    }

    /**
     * Runs calls in rounds of {@value #CALLS_PER_ROUND} until one round allocates nothing, for as long as
     * {@link JitPatience} allows, and fails if none does.
     */
    private static void assertAllocatesNothingWhenWarm(String what, Runnable calls) {
        Runnable round = () -> {
            for (int call = 0; call < CALLS_PER_ROUND; call++) {
                calls.run();
            }
        };
        long deadline = JitPatience.deadline();
        long allocated = -1;
        int rounds = 0;
        while (!JitPatience.over(deadline)) {
            rounds++;
            long start = JitPatience.allocatedBytes();
            round.run();
            allocated = JitPatience.allocatedBytes() - start;
            if (allocated < JitPatience.SLACK_BYTES) {
                return;
            }
        }
        fail("still allocating after " + rounds + " rounds: " + allocated + " bytes in the last "
                + CALLS_PER_ROUND + " calls of each " + what + "; " + AllocationSites.of(round));
    }
}
