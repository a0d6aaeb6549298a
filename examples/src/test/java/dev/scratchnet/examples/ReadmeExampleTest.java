package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {
    /** Tests run in the module folder. */
    private static final Path SOURCE = Path.of("src/main/java/dev/scratchnet/examples/ReadmeExample.java");
    private static final Path STANDALONE_COPY = Path.of("src/it/readme-example/src/main/java/demo/ReadmeExample.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void trainsSavesAndLoadsAModelThatPredictsIdentically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("circle.snet");

        ReadmeExample.Result result = ReadmeExample.run(file);

        assertTrue(Files.size(file) > 0, "the model file was written");
        // 38% of the square lies inside the circle, so always answering "outside" scores 62%.
        assertTrue(result.test().accuracy() > 0.95, () -> "test set: " + result.test());
        assertEquals(500, result.predicted().rows());
        assertEquals(result.predicted(), result.predictedAfterLoading(), "bit-identical predictions after loading");
    }

    @Test
    void labelsPointsByTheCircle() {
        Dataset points = ReadmeExample.circle(1000, 3);

        int inside = 0;
        for (int i = 0; i < points.size(); i++) {
            float x = points.inputs().get(i, 0), y = points.inputs().get(i, 1);
            assertEquals(x * x + y * y < 0.49f ? 1 : 0, points.labels()[i]);
            inside += points.labels()[i];
        }
        // π·0.7² / 4 ≈ 0.385 of the square.
        assertEquals(385, inside, 45);
    }

    /** The standalone project that the invoker plugin builds must compile this very code. */
    @Test
    void standaloneProjectHasTheSameCode() throws IOException {
        assertEquals(withoutPackage(Files.readString(SOURCE)), withoutPackage(Files.readString(STANDALONE_COPY)),
                "copy " + SOURCE + " to " + STANDALONE_COPY + " (only the package line differs)");
    }

    /** Once the README shows the example, it must show this code, from the imports on. */
    @Test
    void readmeShowsTheSameCode() throws IOException {
        String readme = Files.isRegularFile(README) ? Files.readString(README) : "";
        Matcher block = Pattern.compile("```java\\n(.*?class ReadmeExample.*?)```", Pattern.DOTALL).matcher(readme);
        assumeTrue(block.find(), "the README does not show the example yet");

        assertEquals(withoutPackage(Files.readString(SOURCE)), block.group(1).strip(),
                "the README's example must be " + SOURCE + " without its package line");
    }

    private static String withoutPackage(String source) {
        return source.replaceFirst("^package [\\w.]+;\\s*", "").strip();
    }
}
