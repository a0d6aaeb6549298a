package dev.scratchnet.backend;

import dev.scratchnet.Scratchnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a {@link Backend} at run time.
 *
 * <p>The scalar backend is always known directly, so no packaging mistake can lose the fallback.
 * Others come from {@link ServiceLoader} ({@link BackendProvider}). Precedence for the name: an
 * explicit argument, then the system property {@value #BACKEND_PROPERTY} (or its old name {@code nn.backend},
 * with a deprecation warning), then {@code auto}.
 */
public final class Backends {
    /** System property naming the backend when the caller passes none (or {@code auto}). */
    public static final String BACKEND_PROPERTY = "scratchnet.backend";
    /** The name that picks the best available backend. */
    public static final String AUTO = "auto";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /**
     * Every provider: scalar first, then those found by {@link ServiceLoader}, best first.
     *
     * @return the providers, scalar always among them
     */
    public static List<BackendProvider> providers() {
        List<BackendProvider> found = new ArrayList<>();
        found.add(new ScalarBackendProvider());
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            if (found.stream().noneMatch(q -> q.name().equals(p.name()))) {
                found.add(p);
            }
        }
        found.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        return found;
    }

    /** @return the names that {@link #select(String)} knows, plus {@code auto} */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(AUTO);
        providers().forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Selects a backend with as many threads as there are processors.
     *
     * @param name {@code auto}, a backend name, or null (then the system property, then auto)
     * @return the backend
     * @see #select(String, int)
     */
    public static Backend select(String name) {
        return select(name, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Selects a backend.
     *
     * <ul>
     *   <li>{@code auto} (or null or blank, with no system property): the best available backend,
     *       with one log line saying which and why others were skipped;</li>
     *   <li>a known, available name: that backend;</li>
     *   <li>a known but unavailable name: {@link BackendUnavailableException} with the reason and the fix;</li>
     *   <li>an unknown name: {@link IllegalArgumentException} listing the known names.</li>
     * </ul>
     *
     * @param name the backend name, {@code auto}, or null
     * @param threads how many threads large kernels may use, at least 1
     * @return the backend
     */
    public static Backend select(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        String wanted = name == null || name.isBlank() ? Objects.requireNonNullElse(Scratchnet.property(BACKEND_PROPERTY), AUTO) : name;
        wanted = wanted.trim().toLowerCase(Locale.ROOT);
        List<BackendProvider> providers = providers();
        if (wanted.equals(AUTO)) {
            return selectBest(providers, threads);
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(wanted)) {
                BackendProvider.Availability availability = p.availability();
                if (!availability.available()) {
                    throw new BackendUnavailableException(
                            "backend '" + wanted + "' is not available: " + availability.reason());
                }
                return p.create(threads);
            }
        }
        throw new IllegalArgumentException("unknown backend '" + wanted + "'; known backends: " + String.join(", ", names()));
    }

    private static Backend selectBest(List<BackendProvider> providers, int threads) {
        List<String> skipped = new ArrayList<>();
        for (BackendProvider p : providers) {
            BackendProvider.Availability availability = p.availability();
            if (availability.available()) {
                Backend backend = p.create(threads);
                LOG.info("backend auto: using {} ({} thread{}){}", backend.name(), backend.threads(),
                        backend.threads() == 1 ? "" : "s",
                        skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
                return backend;
            }
            skipped.add(p.name() + ": " + availability.reason());
        }
        throw new IllegalStateException("no backend available, not even scalar");
    }
}
