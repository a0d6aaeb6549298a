package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of training, again and again, while checkpoints are being written: the
 * file under the checkpoint's name must always be a whole model. Twenty images and a 2048-unit
 * layer make each epoch mostly a 13 MB checkpoint write, so many kills land inside one.
 */
class CheckpointKillIT {
    private static final int KILLS = 8;

    @TempDir
    Path work;

    @Test
    void killingTheProcessNeverLeavesAHalfWrittenModel() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        SplittableRandom random = new SplittableRandom(5);
        int loaded = 0;
        for (int i = 0; i < KILLS; i++) {
            JarRunner.Running run = JarRunner.start(work, true, "train", "--data", "data", "--hidden", "2048",
                    "--batch", "20", "--epochs", "100000", "--save", "model.snet", "--backend", "scalar");
            // Wait for the first checkpoint of this run, then kill at a random moment among the next saves.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!run.outSoFar().contains("saved") && run.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!run.process().isAlive()) {
                fail("training ended before it could be killed:\n" + run.finish());
            }
            Thread.sleep(random.nextInt(50, 1500));
            run.process().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            run.process().waitFor();
            run.finish();

            SavedModel saved = NetworkFormat.load(work.resolve("model.snet"), new ScalarBackend());
            assertTrue(saved.trainingState().epochsCompleted() >= 1);
            assertEquals(784, saved.network().inputSize());
            loaded++;
        }
        assertEquals(KILLS, loaded);
        try (var files = Files.list(work)) {
            // Each leftover temporary file is a kill that landed inside a checkpoint write.
            long interruptedWrites = files.filter(p -> p.getFileName().toString().startsWith(".model.snet")).count();
            System.out.println("CheckpointKillIT: " + KILLS + " kills, " + interruptedWrites + " during a checkpoint write");
        }
        assertTrue(Files.isRegularFile(work.resolve("model.snet")));
    }
}
