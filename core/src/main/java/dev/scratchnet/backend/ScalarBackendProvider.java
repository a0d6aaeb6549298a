package dev.scratchnet.backend;

/** Provides {@link ScalarBackend}: always available, lowest priority. */
final class ScalarBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return ScalarBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Backend create(int threads) {
        return new ScalarBackend();
    }
}
