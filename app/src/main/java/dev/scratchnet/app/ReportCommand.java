package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.model.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scratchnet report}: metrics and pictures for a saved model. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Write metrics (CSV, JSON) and pictures for a saved model: learning curves, the confusion "
                + "matrix as a heat map, the most confidently misclassified test pictures (picture data only), and the "
                + "first layer's weights as pictures (when its inputs form one).",
            "Learning curves need the metrics.csv that train --report writes; without one they are left empty."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = {"--out", "--report"}, paramLabel = "DIR", defaultValue = "report",
            description = "Folder to write into.")
    Path out;

    @Option(names = "--history", paramLabel = "CSV",
            description = "Per-epoch metrics for the learning curves (default metrics.csv in the output folder, if there).")
    Path history;

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, backendOptions::validate);
        DataSource.checkForModel(modelOptions.data);
        OutputPaths.checkReportFolder("--out", out, DataSource.inputFiles(modelOptions.data, null));
        Models.Loaded model = Models.load(modelOptions.model, backendOptions.select());
        Path csv = history != null ? history : out.resolve("metrics.csv");
        List<EpochRecord> epochs = history != null || Files.isRegularFile(csv) ? MetricsWriter.readCsv(csv) : List.of();
        Dataset test = DataSource.loadForModel(modelOptions.data, model.data(), modelOptions.labelColumn);
        Evaluation e = ReportWriter.write(out, model.saved().network(), model.data(), test, epochs);
        List<String> written = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(OutputPaths.REPORT_FILES::contains).sorted(
                    java.util.Comparator.comparingInt(OutputPaths.REPORT_FILES::indexOf)).forEach(written::add);
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("report for " + modelOptions.model + " on " + model.data().name() + " (test accuracy "
                + TrainingMonitor.percent(e.accuracy()) + ") written to " + out + ": " + String.join(", ", written)
                + (epochs.isEmpty() ? " (no history: learning curves are empty)" : ""));
        printer.flush();
        return Failures.SUCCESS;
    }
}
