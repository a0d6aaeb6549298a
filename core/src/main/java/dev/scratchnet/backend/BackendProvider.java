package dev.scratchnet.backend;

/**
 * A service that can create one kind of {@link Backend}, found with {@link java.util.ServiceLoader}.
 * A module registers its provider in {@code META-INF/services/dev.scratchnet.backend.BackendProvider}.
 *
 * <p>Providers must be cheap and free of side effects: {@link Backends} instantiates every one of
 * them and calls {@link #availability()} just to list them.
 */
public interface BackendProvider {

    /** @return the name users select this backend by, lower case, for example {@code simd} */
    String name();

    /** @return the preference for {@code auto}: the available provider with the highest wins */
    int priority();

    /**
     * Whether this backend can run in this JVM, and if not, why and how to fix it.
     *
     * @return the availability, never null
     */
    Availability availability();

    /**
     * Creates the backend. Only called when {@link #availability()} says it is available.
     *
     * @param threads how many threads large kernels may use, at least 1
     * @return a new backend
     */
    Backend create(int threads);

    /**
     * Whether a backend can run here.
     *
     * @param available true if {@link #create(int)} will work
     * @param reason for an unavailable backend, one sentence on why and how to fix it; empty otherwise
     */
    record Availability(boolean available, String reason) {
        /** @return an availability that says yes */
        public static Availability yes() {
            return new Availability(true, "");
        }

        /**
         * @param reason why the backend cannot run and how to fix it
         * @return an availability that says no
         */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
