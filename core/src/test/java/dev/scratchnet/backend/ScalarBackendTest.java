package dev.scratchnet.backend;

/** Runs the backend contract on the reference itself, which checks the hand-computed cases. */
class ScalarBackendTest extends BackendContractTest {
    @Override
    protected Backend create(int threads) {
        return new ScalarBackend();
    }
}
