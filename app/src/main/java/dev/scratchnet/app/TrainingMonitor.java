package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.model.EpochStats;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Watches a training run: draws the progress bar, prints one line per epoch, measures the test
 * set, and checkpoints after each epoch. With a validation set the checkpoint is the best model
 * so far (by validation accuracy); without one it is simply the latest, because choosing by test
 * accuracy would make the test score a lie.
 */
final class TrainingMonitor implements TrainingListener {
    private final Trainer trainer;
    private final DatasetInfo data;
    private final Dataset test;
    private final boolean hasValidation;
    private final Path checkpoint;
    private final Path reportDir;
    private final ProgressPrinter progress;
    private final List<EpochRecord> history;
    private ProgressPrinter.Task task;
    private int savedEpoch;
    private ReportWriter.TestPass lastTestPass;

    TrainingMonitor(Trainer trainer, DatasetInfo data, Dataset test, boolean hasValidation, Path checkpoint,
            Path reportDir, ProgressPrinter progress, List<EpochRecord> history) {
        this.trainer = trainer;
        this.data = data;
        this.test = test;
        this.hasValidation = hasValidation;
        this.checkpoint = checkpoint;
        this.reportDir = reportDir;
        this.progress = progress;
        this.history = history;
    }

    /**
     * The last epoch's run over the test set, so that the end of training (final line and report) need
     * not run the network over the test set again when it keeps the weights of that epoch.
     *
     * @return the test pass after the last completed epoch, or null before the first
     */
    ReportWriter.TestPass lastTestPass() {
        return lastTestPass;
    }

    /** @return the epoch held by the checkpoint file, 0 if none was written in this run */
    int savedEpoch() {
        return savedEpoch;
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        task = progress.start(String.format(Locale.ROOT, "epoch %d/%d", epoch, trainer.config().epochs()),
                batches, "batches", 1);
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double epochLoss, double epochAccuracy) {
        task.update(batch, epochLoss, epochAccuracy);
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        task.finish();
        Network network = trainer.network();
        lastTestPass = ReportWriter.TestPass.of(network, test);
        Evaluation onTest = lastTestPass.evaluation();
        Evaluation validation = stats.validation();
        EpochRecord record = new EpochRecord(stats.epoch(), stats.trainLoss(), stats.trainAccuracy(),
                validation != null ? validation.loss() : Double.NaN,
                validation != null ? validation.accuracy() : Double.NaN,
                onTest.loss(), onTest.accuracy(), stats.learningRate(), stats.seconds(), stats.examplesPerSecond());
        history.add(record);

        // The trainer keeps the best validation accuracy, restored from the checkpoint on resume, so
        // the first epoch after a resume replaces the best model only if it really beats it.
        boolean save = !hasValidation || (validation != null && trainer.bestValidationEpoch() == stats.epoch());
        try {
            if (save) {
                NetworkFormat.save(network, Models.normalization(data), trainer.state(), data, checkpoint);
                savedEpoch = stats.epoch();
            }
            if (reportDir != null) {
                MetricsWriter.write(reportDir, network.describe(), history, Double.NaN, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.line(line(record, stats.epochs()) + (save ? "  saved" : ""));
    }

    /** "epoch  3/10  loss 0.0712  train 97.85%  validation 97.90%  test 97.81%  12.3 s  4878 img/s" */
    static String line(EpochRecord r, int epochs) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + Integer.toString(epochs).length()
                + "d/%d  loss %.4f  train %s", r.epoch(), epochs, r.trainLoss(), percent(r.trainAccuracy())));
        if (Double.isFinite(r.validationAccuracy())) {
            s.append("  validation ").append(percent(r.validationAccuracy()));
        }
        s.append("  test ").append(percent(r.testAccuracy()));
        s.append(String.format(Locale.ROOT, "  %.1f s  %.0f img/s  lr %.4g", r.seconds(), r.imagesPerSecond(), r.learningRate()));
        return s.toString();
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "n/a";
    }
}
