package dev.scratchnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns JMH's CSV results ({@code -rf csv -rff results.csv}) into a Markdown table, adding what JMH
 * cannot know: GFLOPS for matrix products (2·m·k·n / time, from the {@code shape} parameter) and the
 * speed-up over the scalar backend at one thread with the same other parameters. When the run used
 * {@code -prof gc}, a column shows {@code gc.alloc.rate.norm} in bytes per operation.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.scratchnet.bench.JmhTable results.csv [more.csv …]}.
 * Several files are merged, so scalar and simd may come from separate runs of the same session.
 */
public final class JmhTable {
    static final String ALLOC_METRIC = "gc.alloc.rate.norm";

    private JmhTable() {
    }

    /**
     * Prints the table for the CSV files named on the command line.
     *
     * @param args one or more JMH CSV result files
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: JmhTable results.csv [more.csv ...]  (JMH CSV from -rf csv -rff results.csv)");
            System.exit(2);
        }
        try {
            List<Path> files = new ArrayList<>();
            for (String a : args) {
                files.add(Path.of(a));
            }
            System.out.print(render(read(files)));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("JmhTable: " + e.getMessage());
            System.exit(1);
        }
    }

    /** One primary result: a benchmark method at one set of parameters. */
    static final class Row {
        final String benchmark;
        final Map<String, String> params;
        final double seconds;
        final double errorSeconds;
        final int samples;
        double allocBytesPerOp = Double.NaN;

        Row(String benchmark, Map<String, String> params, double seconds, double errorSeconds, int samples) {
            this.benchmark = benchmark;
            this.params = params;
            this.seconds = seconds;
            this.errorSeconds = errorSeconds;
            this.samples = samples;
        }

        String backend() {
            return params.getOrDefault("backend", "");
        }

        int threads() {
            String t = params.get("threads");
            return t == null ? 1 : Integer.parseInt(t.trim());
        }

        /** The parameters other than backend and threads: what a speed-up compares across. */
        Map<String, String> workload() {
            Map<String, String> w = new LinkedHashMap<>(params);
            w.remove("backend");
            w.remove("threads");
            return w;
        }

        /** @return the GFLOPS of a matrix product, or NaN for benchmarks without a shape */
        double gflops() {
            String shape = params.get("shape");
            if (shape == null || !benchmark.startsWith("MatmulBenchmark.")) {
                return Double.NaN;
            }
            return Shape.parse(shape).flops() / seconds / 1e9;
        }
    }

    /**
     * Reads JMH CSV files.
     *
     * @param files the files, in order
     * @return the primary results, with allocation rates attached where present
     * @throws IllegalArgumentException if a file is not JMH CSV
     */
    static List<Row> read(List<Path> files) {
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            rows.addAll(parse(lines, file.toString()));
        }
        return rows;
    }

    /**
     * Parses the lines of one JMH CSV file.
     *
     * @param lines the lines, header first
     * @param source the file name, for messages
     * @return the primary results, with allocation rates attached where present
     */
    static List<Row> parse(List<String> lines, String source) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; expected JMH CSV (run JMH with -rf csv -rff FILE)");
        }
        List<String> header = splitCsv(lines.get(0));
        int benchmarkCol = header.indexOf("Benchmark");
        int modeCol = header.indexOf("Mode");
        int samplesCol = header.indexOf("Samples");
        int scoreCol = header.indexOf("Score");
        int errorCol = indexStartingWith(header, "Score Error");
        int unitCol = header.indexOf("Unit");
        if (benchmarkCol < 0 || modeCol < 0 || scoreCol < 0 || errorCol < 0 || unitCol < 0) {
            throw new IllegalArgumentException(source + " is not JMH CSV: its header lacks Benchmark, Mode, Score, "
                    + "Score Error or Unit (run JMH with -rf csv -rff FILE)");
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Double> alloc = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(lines.get(i));
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + " has " + cells.size()
                        + " fields, the header has " + header.size());
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).startsWith("Param: ") && !cells.get(c).isEmpty()) {
                    params.put(header.get(c).substring("Param: ".length()), cells.get(c));
                }
            }
            String name = shortName(cells.get(benchmarkCol));
            int colon = name.indexOf(':');
            double score = number(cells.get(scoreCol), source, i);
            if (colon >= 0) {
                if (name.substring(colon + 1).equals(ALLOC_METRIC)) {
                    alloc.put(key(name.substring(0, colon), params), score);
                }
                continue; // other secondary metrics (gc counts, profilers) are not tabulated
            }
            double toSeconds = secondsPerOp(cells.get(unitCol), cells.get(modeCol), source, i);
            double error = number(cells.get(errorCol), source, i);
            double seconds = toSeconds > 0 ? score * toSeconds : -toSeconds / score;
            double errorSeconds = toSeconds > 0 ? error * toSeconds : seconds * error / score;
            int samples = samplesCol < 0 ? 0 : (int) number(cells.get(samplesCol), source, i);
            rows.add(new Row(name, params, seconds, errorSeconds, samples));
        }
        for (Row r : rows) {
            Double a = alloc.get(key(r.benchmark, r.params));
            if (a != null) {
                r.allocBytesPerOp = a;
            }
        }
        return rows;
    }

    /**
     * Renders rows as a Markdown table, grouped by benchmark and workload, scalar first.
     *
     * @param rows the results
     * @return the table, one line per row plus the header, each ending in a newline
     */
    static String render(List<Row> rows) {
        // Benchmarks and workloads in order of first appearance (JMH's order, which follows the
        // @Param lists), wherever they appear: a simd-only workload joins its benchmark's rows.
        List<String> benchmarks = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Row r : rows) {
            if (!benchmarks.contains(r.benchmark)) {
                benchmarks.add(r.benchmark);
            }
            String g = key(r.benchmark, r.workload());
            if (!groups.contains(g)) {
                groups.add(g);
            }
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<Row>comparingInt(r -> benchmarks.indexOf(r.benchmark))
                .thenComparingInt(r -> groups.indexOf(key(r.benchmark, r.workload())))
                .thenComparing(r -> r.backend().equals("scalar") ? "" : r.backend())
                .thenComparingInt(Row::threads));
        boolean anyGflops = rows.stream().anyMatch(r -> !Double.isNaN(r.gflops()));
        boolean anyAlloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp));

        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | parameters | backend | threads | time/op | ± (99.9%) |");
        sb.append(anyGflops ? " GFLOPS |" : "").append(" speed-up vs scalar |").append(anyAlloc ? " alloc B/op |" : "");
        sb.append('\n');
        sb.append("|---|---|---|---:|---:|---:|").append(anyGflops ? "---:|" : "").append("---:|")
                .append(anyAlloc ? "---:|" : "").append('\n');
        for (Row r : sorted) {
            Row scalar = scalarTwin(r, rows);
            sb.append("| ").append(r.benchmark)
                    .append(" | ").append(describe(r.workload()))
                    .append(" | ").append(r.backend())
                    .append(" | ").append(r.threads())
                    .append(" | ").append(formatTime(r.seconds))
                    .append(" | ").append(Double.isNaN(r.errorSeconds) ? "–" : formatTime(r.errorSeconds))
                    .append(" |");
            if (anyGflops) {
                double g = r.gflops();
                sb.append(' ').append(Double.isNaN(g) ? "–" : String.format(Locale.ROOT, "%.1f", g)).append(" |");
            }
            sb.append(' ').append(scalar == null ? "–" : String.format(Locale.ROOT, "%.2f×", scalar.seconds / r.seconds))
                    .append(" |");
            if (anyAlloc) {
                sb.append(' ').append(Double.isNaN(r.allocBytesPerOp) ? "–"
                        : String.format(Locale.ROOT, "%.0f", r.allocBytesPerOp)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The scalar result at one thread for the same benchmark and workload, or null. */
    private static Row scalarTwin(Row r, List<Row> rows) {
        for (Row s : rows) {
            if (s.backend().equals("scalar") && s.threads() == 1 && s.benchmark.equals(r.benchmark)
                    && s.workload().equals(r.workload())) {
                return s;
            }
        }
        return null;
    }

    /**
     * A time in the unit that gives it 1 to 3 digits before the point.
     *
     * @param seconds the time
     * @return for example {@code 812 µs}, {@code 3.41 ms}, {@code 1.20 s}
     */
    static String formatTime(double seconds) {
        double abs = Math.abs(seconds);
        if (abs >= 1) {
            return sig(seconds) + " s";
        } else if (abs >= 1e-3) {
            return sig(seconds * 1e3) + " ms";
        } else if (abs >= 1e-6) {
            return sig(seconds * 1e6) + " µs";
        }
        return sig(seconds * 1e9) + " ns";
    }

    /** Three significant digits, for example 812, 34.1, 3.41. */
    private static String sig(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // Round first, so 99.99999 becomes 100, not 100.0
        double abs = Math.abs(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue());
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /**
     * How to turn a score into seconds per operation.
     *
     * @return a positive factor f (seconds = score · f) for time units, or −f for throughput units
     *         (seconds = f / score)
     */
    private static double secondsPerOp(String unit, String mode, String source, int line) {
        String u = unit.trim();
        if (u.endsWith("/op")) {
            return unitSeconds(u.substring(0, u.length() - 3), source, line);
        }
        if (u.startsWith("ops/")) {
            return -unitSeconds(u.substring(4), source, line);
        }
        throw new IllegalArgumentException(source + " line " + (line + 1) + ": unit '" + unit + "' in mode " + mode
                + " is neither time/op nor ops/time");
    }

    private static double unitSeconds(String unit, String source, int line) {
        return switch (unit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us", "µs" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException(source + " line " + (line + 1) + ": unknown time unit '"
                    + unit + "'");
        };
    }

    private static double number(String cell, String source, int line) {
        String c = cell.trim();
        if (c.equals("NaN") || c.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(c.replace(',', '.')); // some locales write a decimal comma
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + (line + 1) + ": '" + cell + "' is not a number", e);
        }
    }

    private static String shortName(String benchmark) {
        // dev.scratchnet.bench.MatmulBenchmark.matmul → MatmulBenchmark.matmul (the package is always the same)
        String name = benchmark;
        int colon = name.indexOf(':');
        String head = colon < 0 ? name : name.substring(0, colon);
        int method = head.lastIndexOf('.');
        int type = method < 0 ? -1 : head.lastIndexOf('.', method - 1);
        return name.substring(type + 1);
    }

    private static String describe(Map<String, String> workload) {
        if (workload.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        workload.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String key(String benchmark, Map<String, String> params) {
        return benchmark + Objects.toString(params);
    }

    private static int indexStartingWith(List<String> header, String prefix) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits one CSV line: fields may be quoted, with "" for a quote inside. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
