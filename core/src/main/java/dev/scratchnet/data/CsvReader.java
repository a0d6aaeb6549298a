package dev.scratchnet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CSV file into a flat {@code float[]} of features and an {@code int[]} of label ids, line
 * by line. Memory follows the data: one {@code String} per line and one per label, none per feature
 * cell, and the feature array grows from an estimate made from the file size.
 *
 * <p>Each line is one example; cells may be wrapped in double quotes ({@code ""} inside is a quote),
 * but a quoted cell cannot span lines. Spaces around cells are ignored; blank lines are skipped.
 */
final class CsvReader {
    /** What a file held. {@code labels[i]} indexes {@code labelNames}. */
    record Table(List<String> header, int labelColumn, int features, int rows, float[] values, int[] labels,
                 List<String> labelNames) {
    }

    private final Path file;
    private final CsvOptions options;
    private final float scale;
    /** Class name → class index when the classes are already known (a test file), else null. */
    private final Map<String, Integer> knownClasses;

    private char delimiter;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escaped = new boolean[16];
    private int lineNumber;
    private List<String> header;

    CsvReader(Path file, CsvOptions options, float scale, Map<String, Integer> knownClasses) {
        this.file = file;
        this.options = options;
        this.scale = scale;
        this.knownClasses = knownClasses;
    }

    Table read() throws IOException {
        long fileSize = Files.size(file);
        // A lenient decoder marks bad bytes with U+FFFD, so the error can name the line (a strict one
        // fails while filling its buffer, thousands of lines ahead).
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            return read(in, fileSize);
        }
    }

    private Table read(BufferedReader in, long fileSize) throws IOException {
        String first = nextLine(in);
        if (first == null) {
            throw error("is empty; it needs one example per line: a label and numeric features.");
        }
        if (first.startsWith("\uFEFF")) { // the byte order mark that Excel writes
            first = first.substring(1);
        }
        delimiter = options.delimiter() != 0 ? options.delimiter() : detectDelimiter(first);
        int firstLine = lineNumber;
        int columns = split(first);
        if (columns < 2) {
            throw error("line " + firstLine + " has a single column; it needs a label and at least one feature,"
                    + " separated by commas or semicolons.");
        }
        int labelColumn = labelColumn(first, columns);
        boolean isHeader = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> options.labelColumnName() != null || hasNonNumericFeature(first, columns, labelColumn);
        };
        if (isHeader) {
            header = new ArrayList<>(columns);
            for (int k = 0; k < columns; k++) {
                header.add(text(first, k));
            }
        }
        if (options.labelColumnName() != null && labelColumn < 0) {
            throw error("line " + firstLine + " has no column named \"" + options.labelColumnName()
                    + "\"; its columns are " + list(header, 12) + ".");
        }
        int features = columns - 1;
        String line = isHeader ? nextLine(in) : first;
        if (line == null) {
            throw error("has a header (line " + firstLine + ") but no examples after it.");
        }
        // Room for the rows this file can hold: each cell takes at least a character and a delimiter
        // (a hard bound, tight for pixel files full of single digits), and the first line's length
        // predicts the rest (tighter for long decimals). The array grows by half if both were wrong.
        long estimatedRows = Math.min(fileSize / (2L * columns) + 1, fileSize / (line.length() + 1) * 5 / 4 + 16);
        float[] values = new float[(int) Math.min(IdxReader.MAX_DATA_BYTES, Math.max(1, estimatedRows * features))];
        int[] labels = new int[(int) Math.min(IdxReader.MAX_DATA_BYTES, estimatedRows)];
        Map<String, Integer> seen = new HashMap<>();
        List<String> labelNames = new ArrayList<>();
        int rows = 0;
        for (; line != null; line = nextLine(in)) {
            int cells = split(line);
            if (cells != columns) {
                throw error("line " + lineNumber + " has " + cells + " cells but line " + firstLine + " has "
                        + columns + "; every line needs the same columns (a label and " + features + " features).");
            }
            if ((long) (rows + 1) * features > IdxReader.MAX_DATA_BYTES) {
                throw error("has more than " + rows + " examples of " + features
                        + " features, too many for one array; split the file.");
            }
            if ((rows + 1) * features > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(IdxReader.MAX_DATA_BYTES,
                        Math.max(values.length + values.length / 2L, (rows + 1L) * features)));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, (int) Math.min(IdxReader.MAX_DATA_BYTES, 2L * labels.length));
            }
            int to = rows * features;
            for (int k = 0; k < columns; k++) {
                if (k != labelColumn) {
                    values[to++] = feature(line, k);
                }
            }
            labels[rows] = labelId(line, labelColumn, seen, labelNames);
            rows++;
        }
        float[] exact = values.length == rows * features ? values : Arrays.copyOf(values, rows * features);
        return new Table(header, labelColumn, features, rows, exact, Arrays.copyOf(labels, rows), labelNames);
    }

    /** The next line that is not blank, or null at the end; counts physical lines. */
    private String nextLine(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line != null && line.indexOf('\uFFFD') >= 0) {
            throw error("line " + lineNumber + " is not UTF-8 text; save the file as UTF-8 CSV.");
        }
        return line;
    }

    /** The most frequent of ';', tab and ',' outside quotes; ties go to ';', which is never a decimal mark. */
    private static char detectDelimiter(String line) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (semicolons > 0 && semicolons >= commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /** The label column's index in the first line, or -1 if it is chosen by a name the line lacks. */
    private int labelColumn(String first, int columns) throws DataFormatException {
        if (options.labelColumnName() != null) {
            for (int k = 0; k < columns; k++) {
                if (text(first, k).equals(options.labelColumnName())) {
                    return k;
                }
            }
            header = new ArrayList<>(columns);
            for (int k = 0; k < columns; k++) {
                header.add(text(first, k));
            }
            return -1;
        }
        int index = options.labelColumnIndex();
        int column = index < 0 ? columns + index : index;
        if (column < 0 || column >= columns) {
            throw error("line " + lineNumber + " has " + columns + " columns, so there is no label column " + index
                    + " (columns count from 0, negative ones from the end); choose another label column.");
        }
        return column;
    }

    private boolean hasNonNumericFeature(String line, int columns, int labelColumn) {
        for (int k = 0; k < columns; k++) {
            // An empty cell is a missing value, not a name: that line is data, and fails as such.
            if (k != labelColumn && starts[k] != ends[k] && Float.isNaN(number(line, k))) {
                return true;
            }
        }
        return false;
    }

    /** Splits a line into cells, recording each cell's content range; returns the number of cells. */
    private int split(String line) throws DataFormatException {
        int n = line.length();
        int count = 0;
        int i = 0;
        while (true) {
            int s = i;
            while (s < n && isSpace(line.charAt(s))) {
                s++;
            }
            int start;
            int end;
            int next;
            boolean hasEscapes = false;
            if (s < n && line.charAt(s) == '"') {
                int j = s + 1;
                while (true) {
                    if (j >= n) {
                        throw error("line " + lineNumber + " opens a quote in its " + ordinal(count + 1)
                                + " cell but never closes it; a quoted cell must end on the same line.");
                    }
                    if (line.charAt(j) == '"') {
                        if (j + 1 < n && line.charAt(j + 1) == '"') {
                            hasEscapes = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                start = s + 1;
                end = j;
                next = j + 1;
                while (next < n && isSpace(line.charAt(next))) {
                    next++;
                }
                if (next < n && line.charAt(next) != delimiter) {
                    throw error("line " + lineNumber + " has text after the closing quote of its " + ordinal(count + 1)
                            + " cell; put the whole cell inside the quotes.");
                }
            } else {
                next = s;
                while (next < n && line.charAt(next) != delimiter) {
                    next++;
                }
                end = next;
                while (end > s && isSpace(line.charAt(end - 1))) {
                    end--;
                }
                start = s;
            }
            record(count++, start, end, hasEscapes);
            if (next >= n) {
                return count;
            }
            i = next + 1;
        }
    }

    private boolean isSpace(char c) {
        return c == ' ' || (c == '\t' && delimiter != '\t');
    }

    private void record(int cell, int start, int end, boolean hasEscapes) {
        if (cell == starts.length) {
            starts = Arrays.copyOf(starts, 2 * cell);
            ends = Arrays.copyOf(ends, 2 * cell);
            escaped = Arrays.copyOf(escaped, 2 * cell);
        }
        starts[cell] = start;
        ends[cell] = end;
        escaped[cell] = hasEscapes;
    }

    /** The text of cell k of the line last split, without its quotes. */
    private String text(String line, int k) {
        String text = line.substring(starts[k], ends[k]);
        return escaped[k] ? text.replace("\"\"", "\"") : text;
    }

    private float feature(String line, int k) throws DataFormatException {
        float value = number(line, k);
        if (Float.isNaN(value)) {
            String cell = text(line, k);
            throw error("line " + lineNumber + ", " + ordinal(k + 1) + " cell" + columnName(k) + (cell.isEmpty()
                    ? " is empty; fill in or drop missing values, since every feature must be a number."
                    : ": \"" + shorten(cell) + "\" is not a number; features must be numbers (with '.' as the"
                    + " decimal mark" + (delimiter == ';' ? " or ','" : "") + ")."));
        }
        float scaled = value * scale;
        if (!Float.isFinite(scaled)) {
            throw error("line " + lineNumber + ", " + ordinal(k + 1) + " cell" + columnName(k) + ": "
                    + text(line, k) + " times the scale " + scale + " is too large for a float; rescale the data.");
        }
        return scaled;
    }

    /**
     * The number in cell k, or NaN if it is not a plain decimal number. Whole numbers (pixels, counts)
     * are converted here without a String; others go through {@link Float#parseFloat}, which rounds
     * correctly, after a check that rejects what Java accepts but a CSV should not ("NaN", "1f", "0x1p3").
     */
    private float number(String line, int k) {
        int start = starts[k];
        int end = ends[k];
        if (start == end || escaped[k]) {
            return Float.NaN;
        }
        int i = start;
        boolean negative = line.charAt(i) == '-';
        if (negative || line.charAt(i) == '+') {
            i++;
        }
        if (i < end && end - i <= 9) {
            int whole = 0;
            int j = i;
            while (j < end && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
                whole = 10 * whole + (line.charAt(j) - '0');
                j++;
            }
            if (j == end) {
                return negative ? -whole : whole;
            }
        }
        boolean digit = false;
        boolean decimalComma = false;
        for (int j = i; j < end; j++) {
            char c = line.charAt(j);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == ',' && delimiter == ';') {
                decimalComma = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return Float.NaN;
            }
        }
        if (!digit) {
            return Float.NaN;
        }
        String cell = line.substring(start, end);
        try {
            return Float.parseFloat(decimalComma ? cell.replace(',', '.') : cell);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    private int labelId(String line, int k, Map<String, Integer> seen, List<String> names) throws DataFormatException {
        String label = text(line, k);
        if (label.isEmpty()) {
            throw error("line " + lineNumber + " has an empty label in its " + ordinal(k + 1) + " cell"
                    + columnName(k) + "; every example needs its class.");
        }
        if (knownClasses != null) {
            Integer known = knownClasses.get(label);
            if (known == null) {
                throw error("line " + lineNumber + " has label \"" + shorten(label) + "\", which is not one of the "
                        + knownClasses.size() + " classes of the training data (" + list(classOrder(), 10)
                        + "); remove the line or add the class to the training data.");
            }
            return known;
        }
        Integer id = seen.get(label);
        if (id == null) {
            id = names.size();
            seen.put(label, id);
            names.add(label);
        }
        return id;
    }

    private List<String> classOrder() {
        String[] names = new String[knownClasses.size()];
        knownClasses.forEach((name, index) -> names[index] = name);
        return List.of(names);
    }

    private String columnName(int k) {
        return header == null ? "" : " (\"" + shorten(header.get(k)) + "\")";
    }

    DataFormatException error(String what) {
        return new DataFormatException("CSV file " + file + " " + what);
    }

    static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    static String list(List<String> names, int most) {
        List<String> shown = names.size() <= most ? names : names.subList(0, most);
        return String.join(", ", shown) + (names.size() > most ? ", … (" + names.size() + " in all)" : "");
    }
}
