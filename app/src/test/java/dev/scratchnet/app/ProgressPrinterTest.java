package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    final StringWriter text = new StringWriter();
    final AtomicLong nanos = new AtomicLong();

    ProgressPrinter printer(ProgressPrinter.Mode mode) {
        return new ProgressPrinter(new PrintWriter(text), mode, nanos::get);
    }

    /** 100 batches at 10 batches per simulated second. */
    void run(ProgressPrinter p) {
        ProgressPrinter.Task task = p.start("epoch 1/3", 100, "batches", 1);
        for (int b = 1; b <= 100; b++) {
            nanos.addAndGet(100_000_000L);
            task.update(b);
        }
        task.finish();
        p.line("epoch 1/3  loss 0.3");
        p.finalLine("test accuracy 97.00%");
    }

    @Test
    void plainLinesAtEachQuarterWithRateAndEta() {
        run(printer(ProgressPrinter.Mode.LINES));
        List<String> lines = text.toString().lines().toList();
        assertEquals(List.of(
                // 75 batches × 0.1 s is 7.5 s; the moving average lands a hair below 0.1 s, so it rounds down.
                "epoch 1/3 25% (25/100 batches, 10.0 batches/s, ETA 0:07)",
                "epoch 1/3 50% (50/100 batches, 10.0 batches/s, ETA 0:05)",
                "epoch 1/3 75% (75/100 batches, 10.0 batches/s, ETA 0:03)",
                "epoch 1/3  loss 0.3",
                "test accuracy 97.00%"), lines);
    }

    @Test
    void quietKeepsOnlyTheFinalLine() {
        run(printer(ProgressPrinter.Mode.QUIET));
        assertEquals("test accuracy 97.00%\n", text.toString().replace("\r\n", "\n"));
    }

    @Test
    void barRedrawsInPlaceAndIsClearedAtTheEnd() {
        run(printer(ProgressPrinter.Mode.BAR));
        String out = text.toString();
        assertTrue(out.contains("\repoch 1/3 [##########..........] 50/100 batches, 10.0 batches/s, ETA 0:05"), out);
        assertTrue(out.contains("100/100 batches"), out);
        String afterBar = out.substring(out.lastIndexOf('\r') + 1);
        assertEquals("epoch 1/3  loss 0.3\ntest accuracy 97.00%\n", afterBar.replace("\r\n", "\n"));
    }

    /** The first batch carries the JIT's warm-up: 60 s, then 0.1 s per batch. */
    ProgressPrinter.Task slowStart(ProgressPrinter p, int batches) {
        ProgressPrinter.Task task = p.start("epoch 1/10", 938, "batches", 1);
        for (int b = 1; b <= batches; b++) {
            nanos.addAndGet(b == 1 ? 60_000_000_000L : 100_000_000L);
            task.update(b, 2.0 / b, 0.5 + b / 10000.0);
        }
        return task;
    }

    @Test
    void noEtaUntilAFewBatchesAreIn() {
        ProgressPrinter p = printer(ProgressPrinter.Mode.BAR);
        ProgressPrinter.Task task = slowStart(p, 1);
        assertTrue(Double.isNaN(task.etaSeconds()));
        assertFalse(text.toString().contains("ETA"), text.toString());
        assertTrue(text.toString().contains("1/938  loss 2.0000  acc 50.01%"), text.toString());
    }

    @Test
    void etaFollowsRecentBatchesNotTheSlowFirstOne() {
        ProgressPrinter.Task task = slowStart(printer(ProgressPrinter.Mode.BAR), 4);
        assertTrue(Double.isNaN(task.etaSeconds()), "after 3 timed batches: " + task.etaSeconds());
        task = slowStart(printer(ProgressPrinter.Mode.BAR), 20);
        // 918 batches left at 0.1 s each; the average since the start would say 918 · 61.9 s / 20 ≈ 47 min.
        assertEquals(91.8, task.etaSeconds(), 1e-6);
    }

    @Test
    void etaAdaptsWhenBatchesGetFaster() {
        ProgressPrinter.Task task = slowStart(printer(ProgressPrinter.Mode.BAR), 20);
        for (int b = 21; b <= 120; b++) {
            nanos.addAndGet(50_000_000L);
            task.update(b, 1, 0.9);
        }
        // After 100 batches at 0.05 s the weight of the old 0.1 s is 0.7^100: gone.
        assertEquals(818 * 0.05, task.etaSeconds(), 0.01);
    }

    @Test
    void barShowsRunningLossAndAccuracyWithinEightyColumns() {
        ProgressPrinter.Task task = slowStart(printer(ProgressPrinter.Mode.BAR), 20);
        nanos.addAndGet(100_000_000L);
        task.update(21, 0.23456, 0.93124);
        String out = text.toString();
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertEquals("epoch 1/10 [..........] 21/938  loss 0.2346  acc 93.12%  ETA 1:32".replace("[..........]",
                "[" + ".".repeat(20) + "]"), last.strip());
        assertTrue(("epoch 10/10 [" + "#".repeat(20) + "] 938/938  loss 2.3026  acc 100.00%  ETA 59:59").length() < 80);
    }

    @Test
    void logLinesShowRunningLossAndAccuracyToo() {
        ProgressPrinter p = printer(ProgressPrinter.Mode.LINES);
        ProgressPrinter.Task task = p.start("epoch 1/3", 8, "batches", 1);
        for (int b = 1; b <= 8; b++) {
            nanos.addAndGet(100_000_000L);
            task.update(b, 0.5, 0.75);
        }
        assertEquals(List.of(
                "epoch 1/3 25% (2/8 batches, loss 0.5000, acc 75.00%, 10.0 batches/s)",
                "epoch 1/3 50% (4/8 batches, loss 0.5000, acc 75.00%, 10.0 batches/s)",
                "epoch 1/3 75% (6/8 batches, loss 0.5000, acc 75.00%, 10.0 batches/s, ETA 0:00)"),
                text.toString().lines().toList());
    }

    @Test
    void unknownTotalShowsAmountAndRateOnly() {
        ProgressPrinter p = printer(ProgressPrinter.Mode.BAR);
        ProgressPrinter.Task task = p.start("file.gz", -1, "MB", 1e6);
        nanos.addAndGet(1_000_000_000L);
        task.update(2_500_000);
        assertTrue(text.toString().endsWith("file.gz 2.5 MB, 2.5 MB/s"), text.toString());
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertEquals("0:07", ProgressPrinter.clock(7.4));
        assertEquals("2:05", ProgressPrinter.clock(125));
        assertEquals("1:00:01", ProgressPrinter.clock(3601));
    }
}
