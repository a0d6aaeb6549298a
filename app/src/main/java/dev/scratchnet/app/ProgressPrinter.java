package dev.scratchnet.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far a long job has got. On a terminal it redraws one bar in place (with the running
 * loss and accuracy when training, and an ETA); when output goes to a file or a pipe it prints a
 * plain line at every quarter, so logs stay readable; in quiet mode it prints only the final line.
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
    private static final int BAR_WIDTH = 20;
    /**
     * Weight of the newest interval in the moving average (tqdm's default too): the last ten or so
     * intervals count, so the JIT's slow first batches are forgotten within a few dozen.
     */
    static final double SMOOTHING = 0.3;
    /** Smoothed intervals needed before an ETA is shown (the first, warm-up interval not counted). */
    static final int ETA_AFTER = 4;

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

    /**
     * One running job: call {@link #update(long)} as it advances and {@link #finish()} at the end.
     *
     * <p>The ETA comes from an exponential moving average of the seconds per unit between updates,
     * not from the average since the start: the first batch carries the JIT's warm-up (and a download
     * its connection set-up), so an average from the start overstates the time left for minutes. The
     * first interval is left out, and no ETA is shown until {@link #ETA_AFTER} intervals are in.
     */
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
        private double loss = Double.NaN;
        private double accuracy = Double.NaN;
        private long lastUpdateNanos;
        private long lastUpdateDone;
        private int intervals;
        /** Smoothed seconds per counted item (a byte, a batch); NaN until the first interval after warm-up. */
        private double secondsPerItem = Double.NaN;

        private Task(String label, long total, String unit, double unitSize) {
            this.label = label;
            this.total = total;
            this.unit = unit;
            this.unitSize = unitSize;
            this.startNanos = nanoClock.getAsLong();
            this.lastDrawNanos = startNanos - REDRAW_NANOS;
            this.lastUpdateNanos = startNanos;
        }

        void update(long doneSoFar) {
            update(doneSoFar, Double.NaN, Double.NaN);
        }

        /**
         * @param doneSoFar units done (batches, bytes)
         * @param runningLoss the mean loss so far, shown when finite
         * @param runningAccuracy the fraction classified correctly so far, shown when finite
         */
        void update(long doneSoFar, double runningLoss, double runningAccuracy) {
            long now = nanoClock.getAsLong();
            measure(now, doneSoFar);
            done = doneSoFar;
            loss = runningLoss;
            accuracy = runningAccuracy;
            if (mode == Mode.BAR) {
                if (now - lastDrawNanos >= REDRAW_NANOS || (total > 0 && done >= total)) {
                    lastDrawNanos = now;
                    draw(now);
                }
            } else if (mode == Mode.LINES && total > 0) {
                int quarter = (int) Math.min(4, done * 4 / total);
                if (quarter > lastQuarter && quarter < 4) {
                    lastQuarter = quarter;
                    out.println(label + " " + quarter * 25 + "% (" + status(now, false) + ")");
                    out.flush();
                }
            }
        }

        /** One more interval into the moving average: s ← α·sample + (1 − α)·s. */
        private void measure(long now, long doneSoFar) {
            long items = doneSoFar - lastUpdateDone;
            if (items <= 0) {
                return;
            }
            double sample = (now - lastUpdateNanos) / 1e9 / items;
            lastUpdateNanos = now;
            lastUpdateDone = doneSoFar;
            if (intervals++ == 0) {
                return; // the warm-up interval
            }
            secondsPerItem = Double.isNaN(secondsPerItem) ? sample : SMOOTHING * sample + (1 - SMOOTHING) * secondsPerItem;
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
            line.append(status(now, true));
            String text = line.toString();
            int pad = Math.max(0, drawnLength - text.length());
            out.print("\r" + text + " ".repeat(pad));
            out.flush();
            drawnLength = text.length();
        }

        /**
         * For a log line: "312/938 batches, loss 0.2345, acc 93.12%, 45.2 batches/s, ETA 0:14".
         * For the bar, which must fit an 80-column terminal or the carriage return cannot redraw it:
         * "312/938  loss 0.2345  acc 93.12%  ETA 0:14" once there are running figures to show.
         */
        String status(long now, boolean bar) {
            boolean figures = Double.isFinite(loss) || Double.isFinite(accuracy);
            boolean compact = bar && figures;
            String separator = compact ? "  " : ", ";
            StringBuilder s = new StringBuilder(amount(done));
            if (total > 0) {
                s.append('/').append(amount(total));
            }
            if (!compact) {
                s.append(' ').append(unit);
            }
            if (Double.isFinite(loss)) {
                s.append(separator).append(String.format(Locale.ROOT, "loss %.4f", loss));
            }
            if (Double.isFinite(accuracy)) {
                s.append(separator).append(String.format(Locale.ROOT, "acc %.2f%%", 100 * accuracy));
            }
            if (!compact) {
                s.append(String.format(Locale.ROOT, ", %.1f %s/s", rate(now), unit));
            }
            double eta = etaSeconds();
            if (Double.isFinite(eta)) {
                s.append(separator).append("ETA ").append(clock(eta));
            }
            return s.toString();
        }

        /** Units per second: the smoothed figure once there is one, else the average since the start. */
        private double rate(long now) {
            if (Double.isFinite(secondsPerItem) && secondsPerItem > 0) {
                return 1 / (secondsPerItem * unitSize);
            }
            double seconds = (now - startNanos) / 1e9;
            return seconds > 0 ? done / unitSize / seconds : 0;
        }

        /** @return the seconds left, or NaN while the total is unknown or too few intervals are in */
        double etaSeconds() {
            if (total <= 0 || intervals <= ETA_AFTER || Double.isNaN(secondsPerItem)) {
                return Double.NaN;
            }
            return Math.max(0, total - done) * secondsPerItem;
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
