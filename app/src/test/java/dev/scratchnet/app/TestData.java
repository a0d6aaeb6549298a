package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real MNIST is, from -Dscratchnet.mnist; missing is a skip locally and a failure on CI. */
final class TestData {
    private TestData() {
    }

    /** @return the folder, or null when unset outside CI (callers then skip) */
    static Path mnistFolder() {
        String value = System.getProperty("scratchnet.mnist", "");
        if (value.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but -Dscratchnet.mnist is not set; the real-data tests must run on CI");
            }
            return null;
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            fail("-Dscratchnet.mnist=" + value + " is not a folder");
        }
        return dir;
    }
}
