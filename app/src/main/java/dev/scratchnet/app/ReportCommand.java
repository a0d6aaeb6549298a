package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.io.SavedModel;
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
                + "matrix as a heat map, the most confidently misclassified test digits, and the first layer's "
                + "weights as 28×28 images.",
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
        Path dir = MnistData.folder(modelOptions.data);
        MnistData.requirePresent(dir, MnistDataset.Split.TEST);
        OutputPaths.checkReportFolder("--out", out, MnistData.inputFiles(dir, MnistDataset.Split.TEST));
        SavedModel saved = Models.loadForMnist(modelOptions.model, backendOptions.select());
        Path csv = history != null ? history : out.resolve("metrics.csv");
        List<EpochRecord> epochs = history != null || Files.isRegularFile(csv) ? MetricsWriter.readCsv(csv) : List.of();
        Dataset test = MnistData.load(dir, MnistDataset.Split.TEST, saved.normalization());
        Evaluation e = ReportWriter.write(out, saved.network(), saved.normalization(), test, epochs);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("report for " + modelOptions.model + " (test accuracy " + TrainingMonitor.percent(e.accuracy()) + ") written to "
                + out + ": metrics.csv, metrics.json, learning-curves.png, confusion-matrix.png, misclassified.png, "
                + "first-layer-weights.png" + (epochs.isEmpty() ? " (no history: learning curves are empty)" : ""));
        printer.flush();
        return Failures.SUCCESS;
    }
}
