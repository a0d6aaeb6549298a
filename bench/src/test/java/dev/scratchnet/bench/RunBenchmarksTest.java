package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunBenchmarksTest {

    @Test
    void defaultsToTheQuickProfileOnBothBackends() {
        RunBenchmarks.Settings s = RunBenchmarks.Settings.parse();
        assertEquals("quick", s.profile());
        assertEquals(RunBenchmarks.QUICK_INCLUDE, s.include());
        assertEquals(List.of("scalar", "simd"), s.backends());
        assertEquals(List.of("1", "2"), s.threads());
        assertFalse(s.gc());
        assertEquals(Path.of("jmh-quick.csv"), s.out());
    }

    @Test
    void quickSubsetLeavesOutSlowAndRepetitiveBenchmarks() {
        Pattern quick = Pattern.compile(RunBenchmarks.QUICK_INCLUDE);
        String pkg = "dev.scratchnet.bench.";
        assertTrue(quick.matcher(pkg + "MatmulBenchmark.matmul").find());
        assertFalse(quick.matcher(pkg + "MatmulBenchmark.matmulTransposeA").find());
        assertTrue(quick.matcher(pkg + "TrainStepBenchmark.step").find());
        assertTrue(quick.matcher(pkg + "InferenceBenchmark.predict").find());
        assertTrue(quick.matcher(pkg + "ElementwiseBenchmark.adamStep").find());
        assertFalse(quick.matcher(pkg + "ElementwiseBenchmark.softmax").find());
        assertFalse(List.of(RunBenchmarks.QUICK_SCALAR_SHAPES).contains("1024x1024x1024"));
    }

    @Test
    void fullProfileRunsEverything() {
        RunBenchmarks.Settings s = RunBenchmarks.Settings.parse("--profile", "full", "--prof", "gc", "--threads", "2",
                "--out", "x.csv");
        assertEquals(".*", s.include());
        assertTrue(s.gc());
        assertEquals(List.of("2"), s.threads());
        assertEquals(Path.of("x.csv"), s.out());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.Settings.parse("--profile", "long"))
                .getMessage().contains("quick or full"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.Settings.parse("--threads", "0"))
                .getMessage().contains("positive integers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.Settings.parse("--prof", "stack"))
                .getMessage().contains("only gc"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.Settings.parse("--out"))
                .getMessage().contains("--out needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.Settings.parse("-x"))
                .getMessage().contains("usage"));
    }
}
