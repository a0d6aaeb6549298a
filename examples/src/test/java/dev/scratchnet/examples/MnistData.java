package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** Where the real MNIST is, for the tests that need it. */
final class MnistData {
    private MnistData() {
    }

    /**
     * The folder from the system property {@code scratchnet.mnist}. When it is unset the calling
     * test is skipped, except on CI (environment variable {@code CI=true}), where that is an error.
     */
    static Path folder() {
        String dir = System.getProperty("scratchnet.mnist", "");
        if (dir.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but -Dscratchnet.mnist is not set; pass the folder with the four MNIST files.");
            }
            assumeTrue(false, "set -Dscratchnet.mnist=DIR to run the tests on the real MNIST");
        }
        return Path.of(dir);
    }
}
