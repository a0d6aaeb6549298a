package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
    @TempDir
    Path tmp;

    static Network mlp() {
        return Network.builder().input(784).dense(256, Activation.RELU).dropout(0.2f).dense(10, Activation.IDENTITY)
                .seed(1).build();
    }

    @Test
    void tableListsEachLayerWithShapeAndParametersAndTheTotal() {
        assertEquals("""
                #  layer         kind     output shape  parameters
                0  input                  784                    0
                1  256(relu)     dense    256              200,960
                2  dropout(0.2)  dropout  256                    0
                3  10(identity)  dense    10                 2,570
                total parameters 203,530 (795.0 KiB as 32-bit floats), loss cross-entropy
                """, SummaryCommand.table(mlp()));
    }

    @Test
    void summaryOfASavedModelPrintsItsDescriptionAndTheTable() throws Exception {
        Path model = tmp.resolve("m.snet");
        NetworkFormat.save(mlp(), Normalization.UNIT, model);
        CliRun run = CliRun.of("summary", "--model", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("model " + model + ": 784-256(relu)-dropout(0.2)-10(identity), cross-entropy\n\n"
                + SummaryCommand.table(mlp()), run.out());
    }

    @Test
    void aFileThatIsNoModelIsOneSentence() throws Exception {
        Path notModel = Files.writeString(tmp.resolve("notes.txt"), "hello");
        CliRun run = CliRun.of("summary", "--model", notModel.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("scratchnet summary: "), run.err());
    }

    @Test
    void bytesUseBinaryUnits() {
        assertEquals("40 bytes", SummaryCommand.bytes(40));
        assertEquals("795.0 KiB", SummaryCommand.bytes(814_120));
        assertEquals("1.5 MiB", SummaryCommand.bytes(1_572_864));
    }
}
