package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void aMistypedCommandGetsPicocliSuggestion() {
        CliRun run = CliRun.of("trian");
        assertEquals(2, run.exitCode());
        assertEquals("scratchnet: Unmatched argument at index 0: 'trian'; did you mean 'train'? (see 'scratchnet --help')",
                run.err().strip());
    }

    @Test
    void aMistypedFlagGetsPicocliSuggestion() {
        CliRun run = CliRun.of("train", "--epoch", "3");
        assertEquals(2, run.exitCode());
        assertEquals("scratchnet train: Unknown options: '--epoch', '3'; did you mean '--epochs'? "
                + "(see 'scratchnet train --help')", run.err().strip());
    }

    @Test
    void aMistypedRequiredFlagIsNamedWithTheGuess() {
        CliRun run = CliRun.of("summary", "--modle", "m.snet");
        assertEquals(2, run.exitCode());
        assertEquals("scratchnet summary: Missing required option: '--model=FILE'; unknown arguments '--modle', 'm.snet'; "
                + "did you mean '--model'? (see 'scratchnet summary --help')", run.err().strip());
    }

    @Test
    void nothingCloseMeansNoGuess() {
        CliRun run = CliRun.of("xyzzy");
        assertEquals(2, run.exitCode());
        assertEquals("scratchnet: Unmatched argument at index 0: 'xyzzy' (see 'scratchnet --help')", run.err().strip());
    }
}
