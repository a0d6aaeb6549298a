package dev.scratchnet.bench;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.BackendProvider;
import dev.scratchnet.backend.BackendUnavailableException;
import dev.scratchnet.backend.Backends;

/** Resolves a benchmark's backend parameter, turning "not here" into one readable sentence. */
final class BenchBackends {
    private BenchBackends() {
    }

    /**
     * @param name    the backend name, as in {@code -p backend=simd}
     * @param threads the thread count for large kernels
     * @return the backend
     * @throws Unavailable if the backend is not in this build or cannot run in this JVM
     */
    static Backend select(String name, int threads) {
        try {
            return Backends.select(name, threads);
        } catch (BackendUnavailableException e) {
            throw new Unavailable(e.getMessage() + " To benchmark scalar only, pass -p backend=scalar.");
        } catch (IllegalArgumentException e) {
            if (Backends.names().contains(name)) {
                throw e; // a real argument problem (threads), not a missing backend
            }
            throw new Unavailable("backend '" + name + "' is not in this build (no provider on the class path; "
                    + "known: " + String.join(", ", Backends.names()) + "). Rebuild bench/target/benchmarks.jar "
                    + "from a tree that has it, or pass -p backend=scalar.");
        }
    }

    /**
     * @param name a backend name
     * @return null if the backend can run here, else the reason it cannot
     */
    static String unavailableReason(String name) {
        for (BackendProvider p : Backends.providers()) {
            if (p.name().equals(name)) {
                BackendProvider.Availability a = p.availability();
                return a.available() ? null : a.reason();
            }
        }
        return "backend '" + name + "' is not in this build (no provider on the class path)";
    }

    /**
     * A backend that cannot run. It carries no stack trace: JMH prints failures in full, and the
     * trace of a missing module says nothing the message does not.
     */
    static final class Unavailable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
