package dev.scratchnet.data;

import java.io.IOException;

/**
 * Thrown when a data file or folder cannot become a dataset: a damaged IDX file, a CSV row with a
 * missing cell, an unreadable picture, a class folder without pictures. The message is one sentence
 * that names the file (and the line or picture), says what is wrong, and what to do.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    DataFormatException(String message) {
        super(message);
    }

    DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
