package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README example in a project that only has the installed scratchnet-core. */
class ReadmeExampleTest {

    @Test
    void trainsSavesLoadsAndPredicts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("circle.snet");

        ReadmeExample.main(new String[] {file.toString()});   // what a user runs; prints its results
        ReadmeExample.Result result = ReadmeExample.run(file);

        assertTrue(Files.size(file) > 0, "the model file was written");
        assertTrue(result.test().accuracy() > 0.95, () -> "test set: " + result.test());
        assertEquals(result.predicted(), result.predictedAfterLoading(), "the loaded model predicts identically");
    }
}
