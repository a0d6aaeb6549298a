package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.data.MnistDataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndBenchTest {

    @Test
    void trainsEachNetworkAndPrintsTableAndResultLines(@TempDir Path dir) throws IOException {
        writeMnist(dir, MnistDataset.Split.TRAIN, 40);
        writeMnist(dir, MnistDataset.Split.TEST, 20);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<EndToEndBench.Result> results = EndToEndBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "--data", dir.toString(), "--epochs", "3", "--backends", "scalar", "--networks", "nielsen,relu128,deep");
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(3, results.size());
        for (EndToEndBench.Result r : results) {
            assertEquals(3, r.epochSeconds().length);
            assertEquals(40, r.examples());
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
            assertEquals(3, r.epochCpuSeconds().length);
            assertTrue(out.contains("{\"net\": \"" + r.network().cliName() + "\", \"tool\": \"scratchnet-scalar\", "
                    + "\"threads\": 1, \"images_per_epoch\": 40, \"epoch_seconds\": ["), out);
        }
        assertTrue(out.contains("| nielsen | scalar | 1 |"), out);
        assertTrue(out.contains("| deep | scalar | 1 |"), out);
    }

    @Test
    void unavailableSimdIsReportedAndSkipped(@TempDir Path dir) throws IOException {
        writeMnist(dir, MnistDataset.Split.TRAIN, 20);
        writeMnist(dir, MnistDataset.Split.TEST, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<EndToEndBench.Result> results = EndToEndBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "--data", dir.toString(), "--epochs", "1", "--networks", "relu128");
        assertEquals(1, results.size(), "surefire runs without the incubator module, so only scalar runs");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("# simd: not measured: "));
    }

    @Test
    void medianSkipsTheWarmUpEpoch() {
        EndToEndBench.Result r = new EndToEndBench.Result(BenchNetwork.RELU128, "scalar", 1,
                new double[] {9.0, 2.0, 4.0, 3.0}, new double[4], 60000, 0.9, 0.1);
        assertEquals(3.0, r.medianSeconds());
        assertEquals(20000, r.imagesPerSecond(), 1e-9);
        EndToEndBench.Result two = new EndToEndBench.Result(BenchNetwork.RELU128, "scalar", 1,
                new double[] {9.0, 2.0, 4.0}, new double[3], 60000, 0.9, 0.1);
        assertEquals(3.0, two.medianSeconds());
        EndToEndBench.Result one = new EndToEndBench.Result(BenchNetwork.RELU128, "scalar", 1,
                new double[] {9.0}, new double[1], 60000, 0.9, 0.1);
        assertEquals(9.0, one.medianSeconds(), "with one epoch there is nothing else to report");
        assertTrue(one.json().contains("\"median_seconds_after_warmup\": null"), "the reference scripts' convention");
    }

    @Test
    void jsonLineHasTheReferenceScriptsKeys() {
        String json = new EndToEndBench.Result(BenchNetwork.NIELSEN, "simd", 2, new double[] {1.5, 0.25, 0.75},
                new double[] {3.0, 0.5, 1.5}, 60000, 0.9512, 0.0123).json();
        assertTrue(json.startsWith("{\"net\": \"nielsen\", \"tool\": \"scratchnet-simd\", \"threads\": 2, "
                + "\"images_per_epoch\": 60000, \"epoch_seconds\": [1.5000, 0.2500, 0.7500], "
                + "\"median_seconds_after_warmup\": 0.5000, \"epoch_cpu_seconds\": [3.0000, 0.5000, 1.5000], "
                + "\"median_cpu_seconds_after_warmup\": 1.0000, \"final_test_accuracy\": 0.9512, "), json);
        assertTrue(json.endsWith("}") && json.contains("\"batch\": 10"), json);
    }

    @Test
    void tableShowsSpeedUpOverScalar() {
        String table = EndToEndBench.table(List.of(
                new EndToEndBench.Result(BenchNetwork.DEEP, "scalar", 1, new double[] {30, 24, 24}, new double[] {30, 20, 22}, 60000, 0.97, 0.1),
                new EndToEndBench.Result(BenchNetwork.DEEP, "simd", 2, new double[] {3, 1.5, 1.5}, new double[3], 60000, 0.975, 0.1)));
        assertTrue(table.contains("| deep | scalar | 1 | 24.000 | 2500 | 1.00× | 21.000 | 97.00% |"), table);
        assertTrue(table.contains("| deep | simd | 2 | 1.500 | 40000 | 16.00× | 0.000 | 97.50% |"), table);
    }

    @Test
    void optionsAreCheckedWithAHint() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndToEndBench.Settings.parse("--epochs", "3"))
                .getMessage().contains("--data is required"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EndToEndBench.Settings.parse("--data", "x", "--epochs", "0")).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EndToEndBench.Settings.parse("--data", "x", "--backends", "scalar", "--skip-scalar"))
                .getMessage().contains("no backend left"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EndToEndBench.Settings.parse("--data", "x", "--networks", "vgg")).getMessage().contains("nielsen"));
        EndToEndBench.Settings s = EndToEndBench.Settings.parse("--data", "x", "--skip-scalar");
        assertEquals(List.of("simd"), s.backends());
        assertEquals(3, s.epochs());
        assertEquals(1, s.threads());
    }

    @Test
    void missingDataFolderSaysHowToGetIt(@TempDir Path dir) {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> EndToEndBench.run(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "--data", dir.resolve("absent").toString(), "--backends", "scalar"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    /** Writes a tiny IDX image and label file pair of random 28×28 digits. */
    private static void writeMnist(Path dir, MnistDataset.Split split, int count) throws IOException {
        Random random = new Random(count);
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(dir.resolve(split.imagesFileName())));
             DataOutputStream labels = new DataOutputStream(Files.newOutputStream(dir.resolve(split.labelsFileName())))) {
            images.writeInt(0x00000803);
            images.writeInt(count);
            images.writeInt(28);
            images.writeInt(28);
            labels.writeInt(0x00000801);
            labels.writeInt(count);
            byte[] pixels = new byte[28 * 28];
            for (int i = 0; i < count; i++) {
                random.nextBytes(pixels);
                images.write(pixels);
                labels.writeByte(random.nextInt(10));
            }
        }
    }
}
