package dev.scratchnet.data;

/**
 * Thrown when a file is not a well-formed IDX file, or when a pair of IDX files does not form a
 * valid dataset (for example, 60000 images but 59999 labels). The message is one sentence that names
 * the file, says what is wrong, and what to do (usually: re-download it). A kind of
 * {@link DataFormatException}, so one catch handles every loader.
 */
public final class IdxFormatException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    IdxFormatException(String message) {
        super(message);
    }

    IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
