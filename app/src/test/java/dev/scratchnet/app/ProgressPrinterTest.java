package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                "epoch 1/3 25% (25/100 batches, 10.0 batches/s, ETA 0:08)",
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
        assertTrue(out.contains("\repoch 1/3 [###############...............] 50/100 batches, 10.0 batches/s, ETA 0:05"), out);
        assertTrue(out.contains("100/100 batches"), out);
        String afterBar = out.substring(out.lastIndexOf('\r') + 1);
        assertEquals("epoch 1/3  loss 0.3\ntest accuracy 97.00%\n", afterBar.replace("\r\n", "\n"));
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
