package dev.scratchnet.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where integration tests find the real MNIST: the folder named by the system property
 * {@value #PROPERTY} (Maven passes {@code -Dscratchnet.mnist=...} through to the tests). Without it
 * the tests are skipped on a developer's machine, but fail in CI (environment variable CI=true),
 * so CI can never pass by silently skipping them.
 */
public final class TestData {
    /** The system property naming the MNIST folder. */
    public static final String PROPERTY = "scratchnet.mnist";

    private TestData() {
    }

    /** @return the MNIST folder; skips the test when it is not configured outside CI */
    public static Path mnist() {
        String setting = System.getProperty(PROPERTY, "");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (setting.isBlank()) {
            if (ci) {
                fail("CI=true but -D" + PROPERTY + " is not set: pass the MNIST folder, as .ci/run does");
            }
            assumeTrue(false, "-D" + PROPERTY + " not set: skipping the test on real MNIST");
        }
        Path dir = resolve(Path.of(setting));
        if (!Files.isDirectory(dir)) {
            fail("-D" + PROPERTY + "=" + setting + " is not a folder (resolved to " + dir + ")");
        }
        return dir;
    }

    /** The system property naming the Fashion-MNIST folder, if it is not beside the MNIST one. */
    public static final String FASHION_PROPERTY = "scratchnet.fashion";

    /**
     * @return the Fashion-MNIST folder: {@value #FASHION_PROPERTY} if set, else {@code fashion-mnist}
     *         beside the MNIST folder; skips the test when there is neither, except on CI where that fails
     */
    public static Path fashionMnist() {
        String setting = System.getProperty(FASHION_PROPERTY, "");
        Path dir = setting.isBlank() ? mnist().resolveSibling("fashion-mnist") : resolve(Path.of(setting));
        if (!Files.isDirectory(dir)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but there is no Fashion-MNIST folder at " + dir + ": pass -D" + FASHION_PROPERTY
                        + "=DIR or put fashion-mnist beside the MNIST folder");
            }
            assumeTrue(false, "no Fashion-MNIST folder at " + dir + ": skipping the test on real Fashion-MNIST");
        }
        return dir;
    }

    /** A relative setting is relative to the repository root, not to the module surefire runs in. */
    private static Path resolve(Path setting) {
        if (setting.isAbsolute()) {
            return setting;
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return (dir == null ? setting.toAbsolutePath() : dir.resolve(setting)).normalize();
    }
}
