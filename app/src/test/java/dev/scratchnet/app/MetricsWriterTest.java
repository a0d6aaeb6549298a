package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.model.Network;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsWriterTest {
    @TempDir
    Path tmp;

    @Test
    void reportFilesGetThePermissionsOfTheModelAndNoLeftovers() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path model = tmp.resolve("model.snet");
        NetworkFormat.save(Network.builder().input(2).dense(2, Activation.IDENTITY).build(), Normalization.UNIT, model);
        Path report = tmp.resolve("report");
        MetricsWriter.write(report, "2-2", ChartsTest.history(2, false), Double.NaN, null);
        Charts.learningCurves(ChartsTest.history(2, false), report.resolve("learning-curves.png"));
        try (var files = Files.list(report)) {
            List<Path> written = files.sorted().toList();
            assertEquals(List.of("learning-curves.png", "metrics.csv", "metrics.json"),
                    written.stream().map(p -> p.getFileName().toString()).toList());
            for (Path p : written) {
                assertEquals(Files.getPosixFilePermissions(model), Files.getPosixFilePermissions(p), p.toString());
            }
        }
    }

    @Test
    void csvHasOneRowPerEpochAndEmptyFieldsForMissingValues() {
        String csv = MetricsWriter.csv(ChartsTest.history(2, false));
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size());
        assertEquals(MetricsWriter.HEADER, lines.get(0));
        assertEquals("1,1,0.75,,,1.2,0.714286,0.1,2.5,24000", lines.get(1));
        assertEquals(10, lines.get(2).split(",", -1).length);
    }

    @Test
    void jsonUsesNullForMissingValuesAndCarriesTheConfusionMatrix() {
        String json = MetricsWriter.json("784-30(sigmoid)-10(sigmoid), \"quadratic\"", ChartsTest.history(1, false),
                0.95, new int[][] {{1, 2}, {3, 4}});
        assertTrue(json.contains("\"model\": \"784-30(sigmoid)-10(sigmoid), \\\"quadratic\\\"\""), json);
        assertTrue(json.contains("\"test_accuracy\": 0.95"), json);
        assertTrue(json.contains("\"confusion\": [[1, 2], [3, 4]]"), json);
        assertTrue(json.contains("\"validation_loss\": null"), json);
        assertTrue(json.contains("{\"epoch\": 1, \"train_loss\": 1, \"train_accuracy\": 0.75"), json);
    }

    @Test
    void numbersArePlainAndShort() {
        assertEquals("0.00001", MetricsWriter.number(1e-5));
        assertEquals("100", MetricsWriter.number(99.999999));
        assertEquals("0.981234", MetricsWriter.number(0.98123412));
        assertEquals("12345.7", MetricsWriter.number(12345.67));
    }

    @Test
    void writesBothFilesAndNoTemporaries() throws Exception {
        Path dir = tmp.resolve("report");
        MetricsWriter.write(dir, "net", ChartsTest.history(3, true), 0.9, null);
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size());
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"confusion\": null"));
        assertEquals(List.of("metrics.csv", "metrics.json"), DownloaderTest.listing(dir));
    }
}
