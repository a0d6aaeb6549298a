package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.model.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scratchnet eval}: accuracy, per-class precision and recall, and the confusion matrix. */
@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Evaluate a saved model on test data of the kind it was trained on.",
            "The data is prepared as the model's training data was (size, channels, scaling, standardization): an IDX "
                    + "folder's t10k files, or a whole .csv file or folder of class folders."})
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
        DataSource.checkForModel(modelOptions.data);
        Models.Loaded model = Models.load(modelOptions.model, backendOptions.select());
        Dataset test = DataSource.loadForModel(modelOptions.data, model.data(), modelOptions.labelColumn);
        Evaluation e = model.saved().network().evaluate(test);
        PrintWriter out = spec.commandLine().getOut();
        out.println("model " + modelOptions.model + ": " + model.saved().network().describe() + ", trained on "
                + model.data().name());
        out.printf(Locale.ROOT, "test accuracy %s (%d of %d), mean loss %.4f%n%n",
                TrainingMonitor.percent(e.accuracy()), e.correct(), e.count(), e.loss());
        out.print(table(e, model.data().classNames()));
        out.flush();
        return Failures.SUCCESS;
    }

    /**
     * Per-class precision and recall, then the confusion matrix with true classes down the side. The
     * columns are numbered, since names do not fit above them; each row says its number and name.
     */
    static String table(Evaluation e, List<String> classNames) {
        int[][] confusion = e.confusion();
        int classes = confusion.length;
        int width = Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  precision  recall   count%n",
                "class"));
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (int p = 0; p < classes; p++) {
                count += confusion[c][p];
            }
            s.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %6s  %6d%n", classNames.get(c),
                    TrainingMonitor.percent(e.precision(c)), TrainingMonitor.percent(e.recall(c)), count));
        }
        boolean numbered = isNumbered(classNames);
        String rowLabel = "%" + Integer.toString(classes - 1).length() + "d" + (numbered ? "" : " %-" + width + "s");
        int labelWidth = String.format(Locale.ROOT, rowLabel, 0, "").length();
        s.append("\nconfusion matrix (rows: true class, columns: predicted class")
                .append(numbered ? "" : " by number").append(")\n").append(" ".repeat(labelWidth));
        for (int p = 0; p < classes; p++) {
            s.append(String.format(Locale.ROOT, "%6d", p));
        }
        s.append('\n');
        for (int t = 0; t < classes; t++) {
            s.append(String.format(Locale.ROOT, rowLabel, t, numbered ? null : classNames.get(t)));
            for (int p = 0; p < classes; p++) {
                s.append(String.format(Locale.ROOT, "%6d", confusion[t][p]));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** True if class i is called "i", as MNIST's digits are: then the number alone names the class. */
    static boolean isNumbered(List<String> classNames) {
        for (int i = 0; i < classNames.size(); i++) {
            if (!classNames.get(i).equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }
}
