package dev.scratchnet.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far a long job has got. On a terminal it redraws one bar in place (rate and ETA);
 * when output goes to a file or a pipe it prints a plain line at every quarter, so logs stay
 * readable; in quiet mode it prints only the final line.
 */
final class ProgressPrinter {

    enum Mode {
        /** Redraw a bar on one terminal line with carriage returns. */
        BAR,
        /** Plain lines, for logs and pipes. */
        LINES,
        /** Only {@link #finalLine(String)} prints. */
        QUIET
    }

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final Mode mode;
    private final LongSupplier nanoClock;

    ProgressPrinter(PrintWriter out, Mode mode, LongSupplier nanoClock) {
        this.out = out;
        this.mode = mode;
        this.nanoClock = nanoClock;
    }

    /** A bar only when a person is watching a terminal; {@code --quiet} wins. */
    static Mode chooseMode(boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        return onTerminal() ? Mode.BAR : Mode.LINES;
    }

    /**
     * Whether a person is watching. Before JDK 22 a console exists only for a terminal; from 22 on
     * it may exist with redirected output, and {@code Console.isTerminal()} (looked up by
     * reflection, since the code targets 17) tells the two apart.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException olderJdk) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    Mode mode() {
        return mode;
    }

    /**
     * Starts a task.
     *
     * @param label what is being done, for example {@code epoch 3/10}
     * @param total how many units make 100%, or 0 or less when unknown
     * @param unit the unit's name as printed, for example {@code batches} or {@code MB}
     * @param unitSize how many counted items make one printed unit (1e6 for bytes shown as MB)
     */
    Task start(String label, long total, String unit, double unitSize) {
        return new Task(label, total, unit, unitSize);
    }

    /** A summary line (for example one per epoch); not printed in quiet mode. */
    void line(String text) {
        if (mode != Mode.QUIET) {
            out.println(text);
            out.flush();
        }
    }

    /** The result line, printed in every mode. */
    void finalLine(String text) {
        out.println(text);
        out.flush();
    }

    /** One running job: call {@link #update(long)} as it advances and {@link #finish()} at the end. */
    final class Task {
        private final String label;
        private final long total;
        private final String unit;
        private final double unitSize;
        private final long startNanos;
        private long lastDrawNanos;
        private int lastQuarter;
        private int drawnLength;
        private long done;

        private Task(String label, long total, String unit, double unitSize) {
            this.label = label;
            this.total = total;
            this.unit = unit;
            this.unitSize = unitSize;
            this.startNanos = nanoClock.getAsLong();
            this.lastDrawNanos = startNanos - REDRAW_NANOS;
        }

        void update(long doneSoFar) {
            done = doneSoFar;
            long now = nanoClock.getAsLong();
            if (mode == Mode.BAR) {
                if (now - lastDrawNanos >= REDRAW_NANOS || (total > 0 && done >= total)) {
                    lastDrawNanos = now;
                    draw(now);
                }
            } else if (mode == Mode.LINES && total > 0) {
                int quarter = (int) Math.min(4, done * 4 / total);
                if (quarter > lastQuarter && quarter < 4) {
                    lastQuarter = quarter;
                    out.println(label + " " + quarter * 25 + "% (" + status(now) + ")");
                    out.flush();
                }
            }
        }

        /** Clears the bar, so the next line starts on a clean row. */
        void finish() {
            if (mode == Mode.BAR && drawnLength > 0) {
                out.print("\r" + " ".repeat(drawnLength) + "\r");
                out.flush();
                drawnLength = 0;
            }
        }

        private void draw(long now) {
            StringBuilder line = new StringBuilder(label).append(' ');
            if (total > 0) {
                int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
                line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            }
            line.append(status(now));
            String text = line.toString();
            int pad = Math.max(0, drawnLength - text.length());
            out.print("\r" + text + " ".repeat(pad));
            out.flush();
            drawnLength = text.length();
        }

        /** "312/938 batches, 45.2 batches/s, ETA 0:14" */
        String status(long now) {
            double seconds = (now - startNanos) / 1e9;
            double rate = seconds > 0 ? done / unitSize / seconds : 0;
            StringBuilder s = new StringBuilder(amount(done));
            if (total > 0) {
                s.append('/').append(amount(total));
            }
            s.append(' ').append(unit);
            s.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
            if (total > 0 && rate > 0) {
                s.append(", ETA ").append(clock((total - done) / unitSize / rate));
            }
            return s.toString();
        }

        private String amount(long units) {
            return unitSize == 1 ? Long.toString(units) : String.format(Locale.ROOT, "%.1f", units / unitSize);
        }
    }

    /** Seconds as m:ss, or h:mm:ss past an hour. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
