package dev.scratchnet.backend;

/**
 * Thrown when a backend was asked for by name but cannot run in this JVM. The message says why and
 * how to fix it; an explicit request never falls back silently to another backend.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the backend is unavailable and how to fix it
     */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
