package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of training, again and again, while checkpoints are being written: the
 * file under the checkpoint's name must always be a whole model. Twenty images and a 2048-unit
 * layer make each epoch mostly a 13 MB checkpoint; the kill is sent as soon as a write's temporary
 * file appears, so kills land inside writes.
 */
class CheckpointKillIT {
    private static final int KILLS = 8;

    @TempDir
    Path work;

    @Test
    void killingTheProcessNeverLeavesAHalfWrittenModel() throws Exception {
        IdxFixtures.folder(work.resolve("data"), 20, 10);
        SplittableRandom random = new SplittableRandom(5);
        int killedDuringWrite = 0;
        for (int i = 0; i < KILLS; i++) {
            Set<Path> leftovers = temporaries();
            JarRunner.Running run = JarRunner.start(work, true, "train", "--data", "data", "--hidden", "2048",
                    "--batch", "20", "--epochs", "100000", "--save", "model.snet", "--backend", "scalar");
            // Let a few checkpoints complete, then kill as soon as the next write has begun:
            // its temporary file appearing is the sign.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!run.outSoFar().contains("saved") && run.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(0, 500));
            while (run.process().isAlive() && !newTemporary(leftovers) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (!run.process().isAlive()) {
                fail("training ended before it could be killed:\n" + run.finish());
            }
            run.process().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            run.process().waitFor();
            run.finish();
            if (newTemporary(leftovers)) {
                killedDuringWrite++;
            }

            SavedModel saved = NetworkFormat.load(work.resolve("model.snet"), new ScalarBackend());
            assertTrue(saved.trainingState().epochsCompleted() >= 1);
            assertEquals(784, saved.network().inputSize());
        }
        System.out.println("CheckpointKillIT: " + KILLS + " kills, " + killedDuringWrite + " inside a checkpoint write");
        assertTrue(killedDuringWrite > 0, "no kill landed inside a checkpoint write, so the test proved nothing");
        // Each run removes what earlier kills left, so at most the last kill's temporary file remains.
        assertTrue(temporaries().size() <= 1, "leftovers pile up: " + temporaries());
    }

    /** A write has begun: a temporary file is there that was not left by an earlier kill. */
    private boolean newTemporary(Set<Path> leftovers) throws IOException {
        return !leftovers.containsAll(temporaries());
    }

    /** Temporary files of checkpoint writes: each one left behind is a write that a kill cut short. */
    private Set<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".model.snet")).collect(Collectors.toSet());
        }
    }
}
