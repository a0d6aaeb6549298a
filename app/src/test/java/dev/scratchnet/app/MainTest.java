package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void versionExitsZero() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("scratchnet "), run.out());
    }

    @Test
    void noCommandIsAUsageErrorListingTheCommands() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals("scratchnet: choose a command: train, eval, predict, report, gradcheck, download, serve, summary "
                + "(see 'scratchnet --help')", run.err().strip());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("fly");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void everyCommandHasHelpWithDefaults() {
        for (String command : new String[] {"train", "eval", "predict", "report", "gradcheck", "download", "serve", "summary"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: scratchnet " + command), run.out());
        }
        assertTrue(CliRun.of("train", "--help").out().contains("(default 784,256,10 for MNIST)"));
    }

    @Test
    void conflictingAndOutOfRangeFlagsAreReportedTogether() {
        CliRun run = CliRun.of("train", "--layers", "784,10", "--hidden", "30", "--momentum", "1", "--dropout", "-0.5",
                "--threads", "0", "--validation", "-1", "--l2", "2", "--test-fraction", "1", "--channels", "cmyk");
        assertEquals(2, run.exitCode());
        String err = run.err();
        for (String part : new String[] {"--layers and --hidden both give the layer sizes; use one of them",
            "--momentum must be from 0 up to (not including) 1, got 1",
            "--dropout must be from 0 up to (not including) 1, got -0.5",
            "--l2 must be from 0 to 1, got 2",
            "--threads must be between 1 and 1024, got 0",
            "--validation must be at least 0, got -1",
            "--test-fraction must be between 0 and 1 (exclusive), got 1",
            "--channels must be gray or rgb, got 'cmyk'"}) {
            assertTrue(err.contains(part), part + " missing from: " + err);
        }
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void outputLayerMustHaveOneUnitPerClassOfTheData(@TempDir Path work) throws Exception {
        Path data = IdxFixtures.folder(work.resolve("data"), 20, 10);
        CliRun run = CliRun.of("train", "--data", data.toString(), "--layers", "784,30,9", "--save",
                work.resolve("m.snet").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--layers must end with 10, one output per class of data, got 9"), run.err());
    }

    @Test
    void resumeRefusesSettingsThatTheCheckpointFixes() {
        CliRun run = CliRun.of("train", "--resume", "x.snet", "--lr", "0.1", "--batch", "32");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--resume continues with the settings saved in the checkpoint, so --lr, --batch "
                + "cannot be given with it"), run.err());
    }

    @Test
    void aBadLayerSpecIsAUsageErrorListingTheEntries() {
        CliRun run = CliRun.of("train", "--layers", "conv5x20,pool,100,10");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--layers entry 'pool' is not a layer; use N (dense units), convKxF[sS][pP|same] "
                + "(K×K convolution with F maps, stride S, padding P) or poolK[sS]"), run.err());
    }

    @Test
    void unknownPresetAndBackendAreNamed() {
        CliRun run = CliRun.of("train", "--preset", "lenet", "--backend", "gpu");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--preset must be default, nielsen or cnn, got 'lenet'"), run.err());
        assertTrue(run.err().contains("--backend must be one of auto, ") && run.err().contains("got 'gpu'"), run.err());
    }

    @Test
    void scheduleUsesCoresSpelling() {
        CliRun run = CliRun.of("train", "--schedule", "step:0:2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Invalid value for option '--schedule'"), run.err());
    }

    @Test
    void predictNeedsSomethingToPredict() {
        CliRun run = CliRun.of("predict", "--model", "m.snet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("give at least one image file or --index"), run.err());
    }
}
