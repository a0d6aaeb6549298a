package dev.scratchnet.app;

import dev.scratchnet.io.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the per-epoch history as CSV (for spreadsheets) and JSON (for scripts). Missing values
 * are an empty CSV field and a JSON null, never the string "NaN" that many readers choke on.
 */
final class MetricsWriter {
    static final String HEADER = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
            + "test_loss,test_accuracy,learning_rate,seconds,images_per_second";

    private MetricsWriter() {
    }

    static String csv(List<EpochRecord> epochs) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (EpochRecord e : epochs) {
            out.append(e.epoch());
            for (double v : values(e)) {
                out.append(',').append(Double.isFinite(v) ? number(v) : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The history plus a summary: {@code {"model": ..., "test": {...}, "epochs": [...]}}.
     *
     * @param description the architecture, for example {@code 784-128(relu)-10(identity), cross-entropy}
     * @param testAccuracy the final test accuracy, or NaN
     * @param confusion the final confusion matrix [true][predicted], or null
     */
    static String json(String description, List<EpochRecord> epochs, double testAccuracy, int[][] confusion) {
        String[] names = HEADER.split(",");
        StringBuilder out = new StringBuilder("{\n  \"model\": ").append(quote(description)).append(",\n");
        out.append("  \"test_accuracy\": ").append(jsonNumber(testAccuracy)).append(",\n");
        out.append("  \"confusion\": ");
        if (confusion == null) {
            out.append("null");
        } else {
            out.append('[');
            for (int i = 0; i < confusion.length; i++) {
                out.append(i == 0 ? "" : ", ").append('[');
                for (int j = 0; j < confusion[i].length; j++) {
                    out.append(j == 0 ? "" : ", ").append(confusion[i][j]);
                }
                out.append(']');
            }
            out.append(']');
        }
        out.append(",\n  \"epochs\": [");
        for (int r = 0; r < epochs.size(); r++) {
            EpochRecord e = epochs.get(r);
            out.append(r == 0 ? "\n" : ",\n").append("    {\"").append(names[0]).append("\": ").append(e.epoch());
            double[] values = values(e);
            for (int i = 0; i < values.length; i++) {
                out.append(", \"").append(names[i + 1]).append("\": ").append(jsonNumber(values[i]));
            }
            out.append('}');
        }
        return out.append(epochs.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /** Writes both files into {@code dir}, each atomically. */
    static void write(Path dir, String description, List<EpochRecord> epochs, double testAccuracy, int[][] confusion)
            throws IOException {
        AtomicFiles.write(dir.resolve("metrics.csv"), csv(epochs).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("metrics.json"),
                json(description, epochs, testAccuracy, confusion).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads back a metrics.csv written by {@link #csv}, so a resumed run or a later {@code report}
     * can draw the whole history.
     *
     * @throws IOException naming the file and line if it is not such a file
     */
    static List<EpochRecord> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a metrics.csv written by scratchnet (its first line should be: "
                    + HEADER + ")");
        }
        List<EpochRecord> epochs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 10) {
                    throw new NumberFormatException("expected 10 fields, found " + f.length);
                }
                epochs.add(new EpochRecord(Integer.parseInt(f[0]), parse(f[1]), parse(f[2]), parse(f[3]), parse(f[4]),
                        parse(f[5]), parse(f[6]), parse(f[7]), parse(f[8]), parse(f[9])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + " is damaged (" + e.getMessage() + ")");
            }
        }
        return epochs;
    }

    private static double parse(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    private static double[] values(EpochRecord e) {
        return new double[] {e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(),
            e.testLoss(), e.testAccuracy(), e.learningRate(), e.seconds(), e.imagesPerSecond()};
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? number(v) : "null";
    }

    /** Six significant digits, plain notation (valid in both CSV and JSON). */
    static String number(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
