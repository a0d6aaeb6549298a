package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scratchnet eval}: accuracy, per-class precision and recall, and the confusion matrix. */
@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Evaluate a saved model on the MNIST test set.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, backendOptions::validate);
        Path dir = MnistData.folder(modelOptions.data);
        MnistData.requirePresent(dir, MnistDataset.Split.TEST);
        SavedModel saved = Models.loadForMnist(modelOptions.model, backendOptions.select());
        Dataset test = MnistData.load(dir, MnistDataset.Split.TEST, saved.normalization());
        Evaluation e = saved.network().evaluate(test);
        PrintWriter out = spec.commandLine().getOut();
        out.println("model " + modelOptions.model + ": " + saved.network().describe());
        out.printf(Locale.ROOT, "test accuracy %s (%d of %d), mean loss %.4f%n%n",
                TrainingMonitor.percent(e.accuracy()), e.correct(), e.count(), e.loss());
        out.print(table(e));
        out.flush();
        return Failures.SUCCESS;
    }

    /** Per-class precision and recall, then the confusion matrix with true digits down the side. */
    static String table(Evaluation e) {
        int[][] confusion = e.confusion();
        int classes = confusion.length;
        StringBuilder s = new StringBuilder("digit  precision  recall   count\n");
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (int p = 0; p < classes; p++) {
                count += confusion[c][p];
            }
            s.append(String.format(Locale.ROOT, "%5d  %8s  %7s  %6d%n", c, TrainingMonitor.percent(e.precision(c)),
                    TrainingMonitor.percent(e.recall(c)), count));
        }
        s.append("\nconfusion matrix (rows: true digit, columns: predicted)\n      ");
        for (int p = 0; p < classes; p++) {
            s.append(String.format(Locale.ROOT, "%6d", p));
        }
        s.append('\n');
        for (int t = 0; t < classes; t++) {
            s.append(String.format(Locale.ROOT, "%5d ", t));
            for (int p = 0; p < classes; p++) {
                s.append(String.format(Locale.ROOT, "%6d", confusion[t][p]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
