package dev.scratchnet.io;

import java.io.IOException;

/** A model file that cannot be read: not a Scratchnet model, another format version, or damaged. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one sentence naming the file, the problem, and what to do
     */
    public ModelFormatException(String message) {
        super(message);
    }
}
