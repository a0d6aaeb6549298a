package dev.scratchnet.simd;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.BackendContractTest;

/**
 * Runs the backend contract on the vector backend with one and two threads. The surefire executions
 * run this class at the CPU's preferred width and again with scratchnet.simd.bits pinned to 128 and 256.
 */
class VectorBackendTest extends BackendContractTest {
    @Override
    protected Backend create(int threads) {
        return new VectorBackend(threads);
    }

    @Override
    protected int[] threadCounts() {
        return new int[] {1, 2};
    }

    /**
     * Relative tolerance 1e-4 for products: blocked sums with fma round differently from the scalar loop,
     * by about k·2⁻²⁴ relative to Σ|a·b| in the worst case (k ≤ 1000 here); MatmulKernelTest checks the
     * proven bound exactly.
     */
    @Override
    protected float productTolerance() {
        return 1e-4f;
    }

    /** 2e-6 for exp, tanh and friends: VectorExp is within an ulp of Math.exp. */
    @Override
    protected float elementTolerance() {
        return 2e-6f;
    }
}
