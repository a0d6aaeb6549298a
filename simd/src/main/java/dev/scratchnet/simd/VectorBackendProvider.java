package dev.scratchnet.simd;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.BackendProvider;
import dev.scratchnet.backend.BackendUnavailableException;

/**
 * Provides {@link VectorBackend} under the name {@code simd}, preferred over scalar when it can run.
 *
 * <p>The Vector API is an incubator module that the JVM only resolves when started with
 * {@code --add-modules jdk.incubator.vector}. This class therefore mentions no
 * {@code jdk.incubator.vector} type: it checks the boot layer first, and only then touches
 * {@link VectorBackend}, catching the {@link LinkageError} a missing module would cause.
 */
public final class VectorBackendProvider implements BackendProvider {
    /** The name this backend is selected by. */
    public static final String NAME = "simd";

    static final String MODULE = "jdk.incubator.vector";
    static final String FIX = "start the JVM with --add-modules " + MODULE + ", or use --backend scalar";

    /** Creates the provider; cheap, as {@link BackendProvider} requires. */
    public VectorBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return Availability.no("the Vector API module " + MODULE + " is not loaded; " + FIX + ".");
        }
        try {
            String problem = VectorBackend.configurationProblem();
            return problem == null ? Availability.yes() : Availability.no(problem);
        } catch (LinkageError e) {
            return Availability.no("the Vector API could not be loaded (" + e + "); " + FIX + ".");
        }
    }

    @Override
    public Backend create(int threads) {
        try {
            return new VectorBackend(threads);
        } catch (LinkageError e) {
            throw new BackendUnavailableException("the Vector API could not be loaded (" + e + "); " + FIX + ".");
        }
    }
}
