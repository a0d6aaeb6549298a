package dev.scratchnet.bench;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.model.EpochStats;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * End-to-end benchmark: trains the three {@link BenchNetwork}s on real MNIST for a fixed number of
 * epochs with each backend, and prints seconds per epoch, images per second and test accuracy: the
 * numbers to compare with the NumPy and PyTorch scripts in bench/reference/, which train the same
 * networks with the same hyper-parameters.
 *
 * <p><b>What is measured:</b> the wall time of {@code Trainer.fit}'s batch loop over the 60,000
 * training images (shuffle, batch copies, forward, loss, backward, update; not the test evaluation).
 * Each backend trains its own copy of the network from the same initial weights, and the backends
 * alternate epoch by epoch, so a change in machine load hits both alike. The figure reported is the
 * median of the epochs after the first (the first includes JIT compilation).
 *
 * <p><b>What could mislead:</b> other work on the machine (the load average is printed before and
 * after); too few epochs (with 2 epochs the median is a single sample); one thread versus two.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.scratchnet.bench.EndToEndBench --data /path/to/mnist --epochs 3 --threads 1}. Options:
 * {@code --networks nielsen,relu128,deep} (the default; {@code cnn} is the course CNN), {@code --backends scalar,simd}, {@code --skip-scalar}
 * (scalar is slow on the deep network), {@code --seed N}, {@code --limit N} (train on the first N
 * images only, for a smoke test). Besides the table it prints one JSON line per
 * network and backend, in the shape the reference scripts print,
 * so bench/reference/summarize.py tabulates both.
 */
public final class EndToEndBench {
    private EndToEndBench() {
    }

    /** The command line, parsed. */
    record Settings(Path data, int epochs, int threads, List<BenchNetwork> networks, List<String> backends,
                    long seed, int limit) {

        static Settings parse(String... args) {
            Path data = null;
            int epochs = 3;
            int threads = 1;
            List<BenchNetwork> networks = BenchNetwork.DENSE;
            Set<String> backends = new LinkedHashSet<>(List.of("scalar", "simd"));
            boolean skipScalar = false;
            long seed = 42;
            int limit = 0;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--data" -> data = Path.of(value(args, ++i, a));
                    case "--epochs" -> epochs = positive(value(args, ++i, a), a);
                    case "--threads" -> threads = positive(value(args, ++i, a), a);
                    case "--networks" -> networks = Arrays.stream(value(args, ++i, a).split(","))
                            .map(BenchNetwork::parse).distinct().toList();
                    case "--backends" -> backends = new LinkedHashSet<>(Arrays.stream(value(args, ++i, a).split(","))
                            .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList());
                    case "--skip-scalar" -> skipScalar = true;
                    case "--seed" -> seed = parseLong(value(args, ++i, a), a);
                    case "--limit" -> limit = positive(value(args, ++i, a), a);
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + usage());
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("--data is required: the folder with the four MNIST IDX files; "
                        + usage());
            }
            if (skipScalar) {
                backends.remove("scalar");
            }
            if (backends.isEmpty()) {
                throw new IllegalArgumentException("no backend left to run; drop --skip-scalar or add --backends simd");
            }
            return new Settings(data, epochs, threads, networks, List.copyOf(backends), seed, limit);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + usage());
            }
            return args[i];
        }

        private static int positive(String text, String option) {
            try {
                int v = Integer.parseInt(text.trim());
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException(option + " takes a whole number of at least 1, got '" + text + "'");
        }

        private static long parseLong(String text, String option) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, got '" + text + "'", e);
            }
        }
    }

    static String usage() {
        return "usage: EndToEndBench --data MNIST_DIR [--epochs 3] [--threads 1] [--networks nielsen,relu128,deep] "
                + "[--backends scalar,simd] [--skip-scalar] [--seed 42] [--limit N]";
    }

    /**
     * One network trained on one backend.
     *
     * @param epochSeconds    wall time of each epoch
     * @param epochCpuSeconds CPU time of the whole process (all threads) over each epoch: on a shared
     *                        machine, with one thread, the steadier measure, since it does not grow while
     *                        the process waits for a core
     */
    record Result(BenchNetwork network, String backend, int threads, double[] epochSeconds,
                  double[] epochCpuSeconds, int examples, double testAccuracy, double finalTrainLoss) {

        /** @return the median epoch time after the first epoch (the only epoch when there is one) */
        double medianSeconds() {
            return medianAfterWarmUp(epochSeconds);
        }

        /** @return the median process CPU seconds per epoch after the first (the only epoch when there is one) */
        double medianCpuSeconds() {
            return medianAfterWarmUp(epochCpuSeconds);
        }

        double imagesPerSecond() {
            return examples / medianSeconds();
        }

        /**
         * The summary as one JSON line in the shape the reference scripts print (bench/reference/),
         * so their summarize.py tabulates Scratchnet's lines with theirs; the tool is
         * {@code scratchnet-scalar} or {@code scratchnet-simd}.
         */
        String json() {
            return String.format(Locale.ROOT, "{\"net\": \"%s\", \"tool\": \"scratchnet-%s\", \"threads\": %d, "
                            + "\"images_per_epoch\": %d, \"epoch_seconds\": %s, \"median_seconds_after_warmup\": %s, "
                            + "\"epoch_cpu_seconds\": %s, \"median_cpu_seconds_after_warmup\": %s, "
                            + "\"final_test_accuracy\": %.4f, \"final_train_loss\": %.5f, \"backend\": \"%s\", "
                            + "\"batch\": %d, \"jdk\": \"%s\"}",
                    network.cliName(), backend, threads, examples, jsonArray(epochSeconds),
                    epochSeconds.length > 1 ? String.format(Locale.ROOT, "%.4f", medianSeconds()) : "null",
                    jsonArray(epochCpuSeconds), epochCpuSeconds.length > 1
                            ? String.format(Locale.ROOT, "%.4f", medianCpuSeconds()) : "null",
                    testAccuracy, finalTrainLoss, backend, network.batchSize(), Runtime.version());
        }

        private static String jsonArray(double[] values) {
            StringBuilder sb = new StringBuilder("[");
            for (double v : values) {
                sb.append(sb.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v));
            }
            return sb.append(']').toString();
        }

        private static double medianAfterWarmUp(double[] values) {
            double[] timed = values.length > 1 ? Arrays.copyOfRange(values, 1, values.length) : values.clone();
            Arrays.sort(timed);
            int n = timed.length;
            return n % 2 == 1 ? timed[n / 2] : (timed[n / 2 - 1] + timed[n / 2]) / 2;
        }
    }

    /**
     * Trains and prints.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        try {
            run(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("cannot read MNIST: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the benchmark and prints to {@code out}.
     *
     * @param out  where the table and the JSON lines go
     * @param args the command line
     * @return one result per network and backend that ran
     * @throws IOException if MNIST cannot be read
     */
    static List<Result> run(PrintStream out, String... args) throws IOException {
        Settings settings = Settings.parse(args);
        List<String> backends = new ArrayList<>();
        for (String b : settings.backends()) {
            String reason = BenchBackends.unavailableReason(b);
            if (reason == null) {
                backends.add(b);
            } else {
                out.println("# " + b + ": not measured: " + reason);
            }
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("none of the requested backends can run here");
        }
        Dataset train = MnistDataset.load(settings.data(), MnistDataset.Split.TRAIN);
        Dataset test = MnistDataset.load(settings.data(), MnistDataset.Split.TEST);
        if (settings.limit() > 0 && settings.limit() < train.size()) {
            train = train.slice(0, settings.limit());
        }
        out.println("# " + Machine.describe() + "; load average at start " + Machine.load());
        out.println("# " + train.size() + " training images, " + test.size() + " test images, " + settings.epochs()
                + " epochs, " + settings.threads() + " thread(s) for simd; backends alternate epoch by epoch");

        List<Result> results = new ArrayList<>();
        for (BenchNetwork network : settings.networks()) {
            out.println("# " + network.cliName() + ": " + network.describe());
            results.addAll(train(network, backends, settings, train, test, out));
        }
        out.println("# load average at end " + Machine.load());
        out.println();
        out.print(table(results));
        out.println();
        for (Result r : results) {
            out.println(r.json());
        }
        return results;
    }

    /** Trains one network on every backend, alternating backends after each epoch. */
    private static List<Result> train(BenchNetwork network, List<String> backends, Settings settings, Dataset train,
                                      Dataset test, PrintStream out) {
        List<Trainer> trainers = new ArrayList<>();
        List<List<EpochStats>> history = new ArrayList<>();
        List<double[]> cpuSeconds = new ArrayList<>();
        for (String name : backends) {
            Backend backend = BenchBackends.select(name, settings.threads());
            Network net = network.build(backend, settings.seed());
            Trainer trainer = new Trainer(net, network.config(settings.epochs(), settings.seed()));
            List<EpochStats> epochs = new ArrayList<>();
            // Stop after every epoch, so the next fit() call resumes with the next epoch on this backend
            // after the other backend has had its turn.
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpochEnd(EpochStats stats) {
                    epochs.add(stats);
                    trainer.requestStop();
                }
            });
            trainers.add(trainer);
            history.add(epochs);
            cpuSeconds.add(new double[settings.epochs()]);
        }
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            for (int i = 0; i < trainers.size(); i++) {
                long cpuStart = processCpuNanos();
                trainers.get(i).fit(train, null);
                cpuSeconds.get(i)[epoch - 1] = (processCpuNanos() - cpuStart) / 1e9;
                EpochStats s = history.get(i).get(epoch - 1);
                out.printf(Locale.ROOT, "#   %-6s epoch %d/%d: %.3f s, train loss %.4f, load %s%n", backends.get(i),
                        epoch, settings.epochs(), s.seconds(), s.trainLoss(), Machine.load());
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < trainers.size(); i++) {
            List<EpochStats> epochs = history.get(i);
            double[] seconds = epochs.stream().mapToDouble(EpochStats::seconds).toArray();
            Network net = trainers.get(i).network();
            results.add(new Result(network, backends.get(i), net.backend().threads(), seconds, cpuSeconds.get(i),
                    train.size(), net.evaluate(test).accuracy(), epochs.get(epochs.size() - 1).trainLoss()));
        }
        return results;
    }

    /** @return CPU time of this process, all threads, or 0 where the JVM cannot tell */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** @return the Markdown table of the results, with each backend's speed-up over scalar */
    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| network | backend | threads | s/epoch (median after 1st) | images/s | speed-up vs scalar "
                + "| CPU s/epoch | test accuracy |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Result scalar = results.stream().filter(s -> s.network() == r.network() && s.backend().equals("scalar"))
                    .findFirst().orElse(null);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.0f | %s | %.3f | %.2f%% |%n",
                    r.network().cliName(), r.backend(), r.threads(), r.medianSeconds(), r.imagesPerSecond(),
                    scalar == null ? "–" : String.format(Locale.ROOT, "%.2f×", scalar.medianSeconds() / r.medianSeconds()),
                    r.medianCpuSeconds(), 100 * r.testAccuracy()));
        }
        return sb.toString();
    }
}
