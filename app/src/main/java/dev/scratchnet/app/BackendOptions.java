package dev.scratchnet.app;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.Backends;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads}, shared by every command that runs a network. */
final class BackendOptions {
    static final int MAX_THREADS = 1024;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "auto, scalar or simd (default the scratchnet.backend system property, else auto). "
                    + "simd needs the JVM flag --add-modules jdk.incubator.vector, which ./scratchnet passes.")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the large kernels (default one per processor).")
    Integer threads;

    void validate(Validation v) {
        if (threads != null) {
            v.between("--threads", threads, 1, MAX_THREADS);
        }
        if (backend != null) {
            String name = backend.trim().toLowerCase(Locale.ROOT);
            v.require(Backends.names().contains(name),
                    "--backend must be one of " + String.join(", ", Backends.names()) + ", got '" + backend + "'");
        }
    }

    /** @throws dev.scratchnet.backend.BackendUnavailableException for an explicit backend this JVM cannot run */
    Backend select() {
        return Backends.select(backend, threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }
}
