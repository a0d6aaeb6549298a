package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpFormatTest {
    static final List<String> COMMANDS = List.of("", "train", "eval", "predict", "report", "gradcheck", "download", "serve",
            "summary");

    static String help(String command) {
        CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertEquals(0, run.exitCode(), command + ": " + run.err());
        return run.out();
    }

    @Test
    void everyHelpFitsEightyColumnsWithOneDefaultStyle() {
        for (String command : COMMANDS) {
            String help = help(command);
            for (String line : help.lines().toList()) {
                assertTrue(line.length() <= HelpFormat.WIDTH, command + ": " + line.length() + " columns: " + line);
            }
            assertFalse(help.contains("Default:"), command + " uses picocli's second default style:\n" + help);
            assertFalse(help.contains("(default:"), command + ":\n" + help);
            assertFalse(help.contains("[]"), command + " shows an empty list as a default:\n" + help);
        }
    }

    @Test
    void pathsFlagsAndValueSyntaxAreNeverSplitAcrossLines() {
        String train = help("train");
        for (String whole : List.of("$SCRATCHNET_DATA, else data/mnist", "runs/mnist.snet", "step:EVERY:FACTOR",
                "[--layers=SPEC]", "convKxF[sS][pP|same]", "--add-modules jdk.incubator.vector", "(default 784,256,10 for MNIST)", "(default 0.0001)")) {
            assertTrue(train.replaceAll("\n *", " ").contains(whole), whole + " missing:\n" + train);
            for (String word : whole.split(" ")) {
                assertTrue(train.contains(word), "'" + word + "' split across lines:\n" + train);
            }
        }
        String download = help("download");
        assertTrue(download.contains("data/fashion-mnist"), download);
        assertTrue(download.contains("(default 900)") && download.contains("(default 30)"), download);
        assertTrue(help("report").contains("Folder to write into (default report)."), help("report"));
        assertTrue(help("gradcheck").contains("(L(w+h) − L(w−h)) / 2h"), help("gradcheck"));
    }

    @Test
    void continuedLinesHangUnderTheirColumn() {
        assertEquals("  report     Write metrics and pictures for a saved model: learning curves, the\n"
                + "             confusion matrix", HelpFormat.rewrap("  report     Write metrics and pictures for a saved "
                + "model: learning curves, the confusion matrix", -1));
        assertEquals("x".repeat(90), HelpFormat.wrapLine("x".repeat(90), 4), "a word longer than a line stays whole");
    }

    @Test
    void aBooleanFlagHasNoValueAndAOneLetterNameItsOwnColumn() {
        String root = help("");
        assertTrue(root.contains("\n  -h, --help      Show this help message and exit."), root);
        assertTrue(root.contains("\n      --verbose   Print stack traces"), root);
    }
}
