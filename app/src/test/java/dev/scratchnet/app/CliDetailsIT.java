package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-CLI details of issue 12 through the packaged jar: early stopping, summary, did-you-mean. */
class CliDetailsIT {
    @TempDir
    Path work;

    @Test
    void patienceStopsWhenValidationStallsAndKeepsTheBestEpoch() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 200, 50);
        // A learning rate this small leaves every weight as it was, so validation accuracy never improves
        // after epoch 1: with patience 2 the run must end after epoch 3 and keep epoch 1.
        JarRunner.Result r = JarRunner.run(work, "train", "--data", "data", "--hidden", "8", "--epochs", "10",
                "--batch", "32", "--lr", "1e-30", "--validation", "40", "--patience", "2", "--save", "early.snet");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Pattern.compile("(?m)^epoch  1/10 .*saved$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^epoch  3/10 .*lr [0-9.e-]+$").matcher(r.out()).find(), "epoch 3 not saved: " + r.out());
        assertFalse(r.out().contains("epoch  4/10"), r.out());
        assertTrue(r.out().contains("stopped early: validation accuracy has not improved for 2 epochs; keeping epoch 1 "
                + "(validation "), r.out());
        assertTrue(r.out().contains("after 3 epochs (best by validation); model saved to early.snet"), r.out());
        SavedModel saved = NetworkFormat.load(work.resolve("early.snet"), new ScalarBackend());
        assertEquals(1, saved.trainingState().epochsCompleted(), "the file holds the best epoch");
    }

    @Test
    void patienceWithoutValidationIsAUsageError() throws Exception {
        JarRunner.Result r = JarRunner.run(work, "train", "--patience", "3");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("scratchnet train: --patience stops on validation accuracy, so it needs a validation set: add "
                + "--validation N (for example --validation 5000) (see 'scratchnet train --help')", r.lastErrLine());
        JarRunner.Result zero = JarRunner.run(work, "train", "--patience", "0", "--validation", "100");
        assertEquals(2, zero.exitCode(), zero.toString());
        assertTrue(zero.lastErrLine().contains("--patience must be between 1 and 100000, got 0"), zero.toString());
    }

    @Test
    void summaryFlagPrintsTheTableBeforeTrainingAndTheCommandReadsTheModel() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 100, 20);
        JarRunner.Result train = JarRunner.run(work, "train", "--data", "data", "--hidden", "16", "--epochs", "1",
                "--summary", "--quiet", "--save", "s.snet");
        assertEquals(0, train.exitCode(), train.toString());
        String table = """
                #  layer         kind   output shape  parameters
                0  input                784                    0
                1  16(relu)      dense  16                12,560
                2  10(identity)  dense  10                   170
                total parameters 12,730 (49.7 KiB as 32-bit floats), loss cross-entropy
                """;
        assertTrue(train.out().startsWith(table), "the table comes first, even with --quiet:\n" + train.out());
        JarRunner.Result summary = JarRunner.run(work, "summary", "--model", "s.snet");
        assertEquals(0, summary.exitCode(), summary.toString());
        assertEquals("model s.snet: 784-16(relu)-10(identity), cross-entropy\ncheckpoint after epoch 1 of 1 (momentum, "
                + "batch 64)\n\n" + table, summary.out());
    }

    @Test
    void everyReportFileGetsThePermissionsOfTheModelAndNoTemporaryFileIsLeft() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix"));
        IdxFixtures.folder(work.resolve("data"), 100, 20);
        JarRunner.Result train = JarRunner.run(work, "train", "--data", "data", "--hidden", "16", "--epochs", "1",
                "--save", "r.snet", "--report", "report");
        assertEquals(0, train.exitCode(), train.toString());
        var model = java.nio.file.Files.getPosixFilePermissions(work.resolve("r.snet"));
        try (var files = java.nio.file.Files.list(work.resolve("report"))) {
            var names = new java.util.ArrayList<String>();
            for (Path p : files.toList()) {
                names.add(p.getFileName().toString());
                assertEquals(model, java.nio.file.Files.getPosixFilePermissions(p), p.toString());
            }
            java.util.Collections.sort(names);
            assertEquals(java.util.List.of("confusion-matrix.png", "first-layer-weights.png", "learning-curves.png",
                    "metrics.csv", "metrics.json", "misclassified.png"), names);
        }
    }

    @Test
    void aMistypedCommandOrFlagGetsADidYouMean() throws Exception {
        JarRunner.Result command = JarRunner.run(work, "sumary", "--model", "x.snet");
        assertEquals(2, command.exitCode(), command.toString());
        assertTrue(command.lastErrLine().contains("did you mean 'summary'?"), command.toString());
        JarRunner.Result flag = JarRunner.run(work, "train", "--patiense", "3");
        assertEquals(2, flag.exitCode(), flag.toString());
        assertTrue(flag.lastErrLine().contains("did you mean '--patience'?"), flag.toString());
    }
}
