package dev.scratchnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a benchmark profile and prints the Markdown table. Plain JMH would measure every combination
 * of parameters; this launcher measures scalar at one thread only (it ignores the thread count), simd
 * at each requested thread count, and leaves out a backend that cannot run here with one sentence
 * saying why, instead of a failed benchmark per parameter set.
 *
 * <p>Profiles: {@code quick} (2 × 1 s warm-up, 3 × 1 s measurement, 1 fork; a subset of the
 * benchmarks, and no scalar 1024³ product; a few minutes on a 2-core machine) and {@code full} (every
 * benchmark with the warm-up and measurement of its annotations; about 40 minutes).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.scratchnet.bench.RunBenchmarks [--profile quick|full] [--include REGEX] [--backends scalar,simd]
 * [--threads 1,2] [--prof gc] [--out FILE.csv]}
 */
public final class RunBenchmarks {
    /** What the quick profile measures: the plain product, training steps, inference and two element-wise kernels. */
    static final String QUICK_INCLUDE = "MatmulBenchmark\\.matmul$|TrainStepBenchmark|InferenceBenchmark"
            + "|ElementwiseBenchmark\\.(activationForward|adamStep)$";
    /** The matrix shapes scalar runs in the quick profile: 1024³ takes 0.35 s a call there. */
    static final String[] QUICK_SCALAR_SHAPES = {"64x784x128", "128x784x512", "64x128x10", "256x256x256"};

    private RunBenchmarks() {
    }

    /** The command line, parsed. */
    record Settings(String profile, String include, List<String> backends, List<String> threads, boolean gc,
                    Path out) {

        static Settings parse(String... args) {
            String profile = "quick";
            String include = null;
            List<String> backends = List.of("scalar", "simd");
            List<String> threads = List.of("1", "2");
            boolean gc = false;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--profile" -> profile = value(args, ++i, a);
                    case "--include" -> include = value(args, ++i, a);
                    case "--backends" -> backends = Arrays.asList(value(args, ++i, a).split(","));
                    case "--threads" -> threads = Arrays.asList(value(args, ++i, a).split(","));
                    case "--prof" -> {
                        if (!value(args, ++i, a).equals("gc")) {
                            throw new IllegalArgumentException("--prof supports only gc here; for other profilers "
                                    + "run JMH directly (java -jar bench/target/benchmarks.jar -prof NAME)");
                        }
                        gc = true;
                    }
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + usage());
                }
            }
            if (!profile.equals("quick") && !profile.equals("full")) {
                throw new IllegalArgumentException("--profile must be quick or full, got '" + profile + "'");
            }
            for (String t : threads) {
                if (!t.matches("[1-9][0-9]*")) {
                    throw new IllegalArgumentException("--threads takes positive integers separated by commas, got '"
                            + String.join(",", threads) + "'");
                }
            }
            return new Settings(profile, include != null ? include : profile.equals("quick") ? QUICK_INCLUDE : ".*",
                    backends, threads, gc, out != null ? out : Path.of("jmh-" + profile + ".csv"));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + usage());
            }
            return args[i];
        }
    }

    static String usage() {
        return "usage: RunBenchmarks [--profile quick|full] [--include REGEX] [--backends scalar,simd] "
                + "[--threads 1,2] [--prof gc] [--out FILE.csv]";
    }

    /**
     * Runs the profile named on the command line.
     *
     * @param args see the class description
     * @throws RunnerException if JMH cannot run at all
     */
    public static void main(String[] args) throws RunnerException {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("# " + Machine.describe() + "; load average at start " + Machine.load());
        List<RunResult> results = new ArrayList<>();
        for (String backend : settings.backends()) {
            String reason = BenchBackends.unavailableReason(backend.trim().toLowerCase(Locale.ROOT));
            if (reason != null) {
                System.out.println("# " + backend + ": not benchmarked: " + reason);
                continue;
            }
            results.addAll(run(settings, backend));
        }
        if (results.isEmpty()) {
            System.err.println("nothing was measured: no requested backend can run, or --include matched nothing");
            System.exit(1);
        }
        ResultFormatFactory.getInstance(ResultFormatType.CSV, settings.out().toString()).writeOut(results);
        System.out.println();
        System.out.println("# " + settings.profile() + " profile, load average at end " + Machine.load()
                + "; results in " + settings.out());
        try {
            System.out.print(JmhTable.render(JmhTable.parse(Files.readAllLines(settings.out()),
                    settings.out().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Collection<RunResult> run(Settings settings, String backend) throws RunnerException {
        boolean scalar = backend.equals("scalar");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(settings.include())
                .param("backend", backend)
                // the scalar backend ignores the thread count: measuring it at 2 would only repeat threads=1
                .param("threads", scalar ? new String[] {"1"} : settings.threads().toArray(new String[0]))
                .shouldFailOnError(false);
        if (settings.profile().equals("quick")) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                    .forks(1)
                    .param("activation", "relu");
            if (scalar) {
                options.param("shape", QUICK_SCALAR_SHAPES);
            }
        }
        if (settings.gc()) {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(options.build()).run();
    }
}
