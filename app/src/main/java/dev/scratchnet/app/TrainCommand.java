package dev.scratchnet.app;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.ImageShift;
import dev.scratchnet.data.LabelledData;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.EarlyStopping;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingDivergedException;
import dev.scratchnet.model.TrainingResult;
import dev.scratchnet.model.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scratchnet train}: train a network on MNIST or other data, checkpointing after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train a network on MNIST, Fashion-MNIST, a CSV file or a folder of pictures sorted by class.",
            "Prints a progress bar and one line per epoch, saves a checkpoint after each epoch (atomically), "
                    + "and stops cleanly on Ctrl-C; continue with --resume."})
final class TrainCommand implements Callable<Integer> {
    static final String DEFAULT_SAVE = "runs/mnist.snet";

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--validation", paramLabel = "N",
            description = "Hold out the last N training examples to choose the best epoch; the test set is only reported "
                    + "(default 0; with --resume, the checkpoint's).")
    Integer validation;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop when validation accuracy has not improved for N epochs in a row; the saved model is "
                    + "the best epoch. Needs --validation.")
    Integer patience;

    @Option(names = "--summary", description = "Print the network's layers, output shapes and parameter counts "
            + "before training (as the summary command does).")
    boolean summary;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Where the checkpoint goes after each epoch (default " + DEFAULT_SAVE
                    + ", or the --resume file).")
    Path save;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in this checkpoint, with its settings and optimizer state; "
                    + "--epochs sets the new total.")
    Path resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write metrics and pictures into this folder.")
    Path report;

    @Option(names = "--quiet", description = "Print only the final line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, v -> {
            options.validate(v);
            dataOptions.validate(v);
            backendOptions.validate(v);
            if (validation != null) {
                v.atLeast("--validation", validation, 0);
            }
            if (patience != null) {
                v.between("--patience", patience, 1, 100_000);
                // A resumed run may hold out images through its checkpoint; that is checked once it is read.
                v.require(resume != null || (validation != null && validation > 0), "--patience stops on validation "
                        + "accuracy, so it needs a validation set: add --validation N (for example --validation 5000)");
            }
            if (resume != null) {
                List<String> given = options.givenModelFlags();
                v.require(given.isEmpty(), "--resume continues with the settings saved in the checkpoint, so "
                        + String.join(", ", given) + " cannot be given with it");
            }
        });
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getOut(), ProgressPrinter.chooseMode(quiet),
                System::nanoTime);
        DataSource.of(DataSource.path(dataOptions.data)); // a path that is no data fails before anything else
        Backend backend = backendOptions.select();

        Network network;
        TrainingConfig config;
        TrainingState resumeState = null;
        SavedModel saved = null;
        if (resume != null) {
            saved = NetworkFormat.load(resume, backend);
            resumeState = saved.trainingState();
            if (resumeState == null) {
                throw new CliFailure(resume + " is a finished model without training state, so there is nothing to "
                        + "resume; start a new run without --resume");
            }
            network = saved.network();
            config = resumeState.config();
            if (options.epochs != null) {
                config = config.toBuilder().epochs(options.epochs).build();
            }
            if (config.epochs() <= resumeState.epochsCompleted()) {
                throw new CliFailure(resume + " has already completed " + resumeState.epochsCompleted() + " of "
                        + config.epochs() + " epochs; pass --epochs with a larger total to train further");
            }
        } else {
            network = null;
            config = null;
        }
        int heldOut = heldOut(resumeState);
        if (patience != null && heldOut == 0) {
            throw new ParameterException(spec.commandLine(), "--patience stops on validation accuracy, but " + resume
                    + " was trained without a validation set; resume it without --patience");
        }
        Path checkpoint = save != null ? save : resume != null ? resume : Path.of(DEFAULT_SAVE);
        // Before an hour of training, not after it: a checkpoint or report that cannot be written, or
        // would replace a file that is not ours, stops the run now.
        List<Path> inputs = DataSource.inputFiles(dataOptions.data, dataOptions.testData);
        OutputPaths.checkModelFile(save != null ? "--save" : resume != null ? "--resume" : "the default --save",
                checkpoint, inputs);
        if (report != null) {
            OutputPaths.checkReportFolder("--report", report, inputs);
        }

        // The held-out test set is drawn with the run's seed, so a resumed run holds out the same examples.
        long seed = resume != null ? config.seed() : options.seed();
        LabelledData data = DataSource.loadForTraining(dataOptions, seed);
        DatasetInfo info = data.info();
        Dataset train = data.train();
        Dataset test = data.test();
        // The shift is the checkpoint's on resume, else --augment's; only image data can be shifted.
        ImageShift imageShift = resumeState != null ? savedShift(resumeState, info.image())
                : options.imageShift(spec, info.image(), DataSource.path(dataOptions.data).toString());
        if (heldOut >= train.size()) {
            throw new ParameterException(spec.commandLine(), "--validation must be below the " + train.size()
                    + " training " + examples(info) + ", got " + heldOut);
        }
        if (resume == null) {
            TrainOptions.Settings settings;
            try {
                settings = options.resolve(info, train.size() - heldOut);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            network = settings.buildNetwork();
            network.setBackend(backend);
            config = settings.buildConfig();
        } else {
            checkResumedData(saved, info);
        }
        Dataset held = null;
        if (heldOut > 0) {
            held = train.slice(train.size() - heldOut, train.size());
            train = train.slice(0, train.size() - heldOut);
        }

        Trainer trainer = new Trainer(network, config).augment(imageShift);
        if (resumeState != null) {
            try {
                trainer.resumeFrom(resumeState);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("cannot resume from " + resume + ": " + e.getMessage(), e);
            }
        }
        List<EpochRecord> history = earlierHistory(resumeState);
        TrainingMonitor monitor = new TrainingMonitor(trainer, info, test, held != null, checkpoint, report,
                progress, history);
        trainer.addListener(monitor);
        if (patience != null) {
            // After the monitor, so the epoch that ends the run is checkpointed (if best) before the stop.
            trainer.addListener(new EarlyStopping(trainer, patience));
        }

        if (summary) {
            // Asked for by name, so printed even with --quiet.
            spec.commandLine().getOut().print(SummaryCommand.table(network));
        }
        progress.line(describe(info));
        String examples = examples(info);
        progress.line(String.format(Locale.ROOT, "training %s (%,d parameters) on %s with %d thread%s: %s, batch %d, "
                        + "%d epoch%s, %s schedule, lr %s; %d training %s%s%s, %d test %s",
                network.describe(), network.parameterCount(), backend.name(), backend.threads(),
                backend.threads() == 1 ? "" : "s", config.optimizer().cliName(), config.batchSize(), config.epochs(),
                config.epochs() == 1 ? "" : "s", config.schedule(), config.learningRate(), train.size(), examples,
                imageShift != null ? " shifted by up to " + imageShift.maxShift() + " pixel"
                        + (imageShift.maxShift() == 1 ? "" : "s") : "",
                held != null ? ", " + held.size() + " held out for validation" : "", test.size(), examples));
        if (resumeState != null) {
            progress.line("resuming after epoch " + resumeState.epochsCompleted() + " from " + resume);
        }

        // Ctrl-C: the hook asks the trainer to stop after the current batch and waits until this
        // thread has finished, so the checkpoint on disk is always a whole epoch.
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            trainer.requestStop();
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scratchnet-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingResult result;
            try {
                result = trainer.fit(train, held);
            } catch (TrainingDivergedException e) {
                throw new CliFailure(e.getMessage() + "; " + (monitor.savedEpoch() > 0
                        ? "the last good checkpoint " + checkpoint + " (epoch " + monitor.savedEpoch() + ") is untouched"
                        : "no checkpoint was written in this run"), e);
            } catch (UncheckedIOException e) {
                throw new CliFailure(Failures.describe(e.getCause()) + (monitor.savedEpoch() > 0
                        ? "; the checkpoint " + checkpoint + " still holds epoch " + monitor.savedEpoch() : ""), e);
            }
            if (interrupted.get()) {
                if (monitor.savedEpoch() > 0) {
                    progress.finalLine("stopped after epoch " + trainer.epochsCompleted() + " of " + config.epochs()
                            + "; the checkpoint " + checkpoint + " holds epoch " + monitor.savedEpoch()
                            + "; continue with: scratchnet train --resume " + checkpoint);
                } else {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(spec.qualifiedName() + ": " + nothingSaved(trainer, config, checkpoint, resumeState));
                    err.flush();
                }
                return Failures.FAILURE;
            }
            if (patience != null && result.stoppedEarly()) {
                progress.line(String.format(Locale.ROOT, "stopped early: validation accuracy has not improved for %d "
                        + "epoch%s; keeping epoch %d (validation %s)", patience, patience == 1 ? "" : "s",
                        trainer.bestValidationEpoch(), TrainingMonitor.percent(trainer.bestValidationAccuracy())));
            }
            Path best = held != null && monitor.savedEpoch() == 0 && resume != null ? resume : checkpoint;
            finish(network, info, test, checkpoint, best, held != null, backend, history, result, progress,
                    monitor.lastTestPass());
            return Failures.SUCCESS;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C); the hook is running and about to return.
            }
        }
    }

    /**
     * How many training images to hold out: {@code --validation}, else the checkpoint's. A resumed
     * run must hold out the same images, or it would train on the ones it chose its best model by.
     */
    private int heldOut(TrainingState resumed) {
        if (resumed == null) {
            return validation != null ? validation : 0;
        }
        int saved = resumed.validationSize();
        if (validation != null && validation != saved) {
            throw new CliFailure(resume + " was trained " + (saved == 0 ? "without a validation set"
                    : "with the last " + saved + " training images held out for validation") + ", so resume it with "
                    + (saved == 0 ? "no --validation" : "--validation " + saved + " or without --validation")
                    + ", not --validation " + validation);
        }
        return saved;
    }

    /** The checkpoint's image shift for these images, or null for none; a shift too large for them is refused. */
    private ImageShift savedShift(TrainingState resumed, ImageGeometry images) {
        if (resumed.imageShift() == 0) {
            return null;
        }
        if (images == null) {
            throw new CliFailure("cannot resume from " + resume + ": it records image shifts, but the data is not "
                    + "images; resume it on the image data it was trained on");
        }
        int largest = ImageShift.largestShift(images);
        if (resumed.imageShift() > largest) {
            throw new CliFailure("cannot resume from " + resume + ": it records image shifts of up to "
                    + resumed.imageShift() + " pixels, but " + images.height() + "×" + images.width()
                    + " images allow at most " + largest + "; start a new run");
        }
        return new ImageShift(images, resumed.imageShift());
    }

    /** Ctrl-C before this run wrote a checkpoint: say so, and what the file at that path is (if anything). */
    private String nothingSaved(Trainer trainer, TrainingConfig config, Path checkpoint, TrainingState resumed) {
        String stopped = "stopped during epoch " + (trainer.epochsCompleted() + 1) + " of " + config.epochs()
                + " before this run saved a checkpoint, so nothing was saved";
        if (resumed != null) {
            return stopped + "; " + resume + " still holds epoch " + resumed.epochsCompleted()
                    + "; continue with: scratchnet train --resume " + resume
                    + (checkpoint.equals(resume) ? "" : " --save " + checkpoint);
        }
        return stopped + (Files.exists(checkpoint) ? "; " + checkpoint + " is untouched and is not from this run" : "")
                + "; start the run again to train";
    }

    /** The final line: the test accuracy of the model that was kept, plus the report if asked for. */
    private void finish(Network trained, DatasetInfo info, Dataset test, Path checkpoint, Path best,
            boolean selectedByValidation, Backend backend, List<EpochRecord> history, TrainingResult result,
            ProgressPrinter progress, ReportWriter.TestPass lastEpochPass) throws IOException {
        Network kept = trained;
        // Without validation the kept weights are those of the last epoch, which the monitor has just run
        // over the test set: reuse that pass rather than run the network over the test set again.
        ReportWriter.TestPass pass = selectedByValidation || lastEpochPass == null ? null : lastEpochPass;
        if (selectedByValidation) {
            SavedModel saved = NetworkFormat.load(best, backend);
            kept = saved.network();
            if (!best.equals(checkpoint)) {
                // No epoch of this resumed run beat the checkpoint's best, so the best is still the one resumed from.
                NetworkFormat.save(kept, saved.normalization(), saved.trainingState(), saved.dataInfo(), checkpoint);
            }
        }
        Evaluation evaluation;
        if (pass == null) {
            pass = ReportWriter.TestPass.of(kept, test);
        }
        if (report != null) {
            evaluation = ReportWriter.write(report, kept, info, test, history, pass);
            progress.line("report written to " + report);
        } else {
            evaluation = pass.evaluation();
        }
        int epochs = result.epochs().isEmpty() ? 0 : result.last().epoch();
        progress.finalLine(String.format(Locale.ROOT, "test accuracy %s (%d of %d) after %d epoch%s%s; model saved to %s",
                TrainingMonitor.percent(evaluation.accuracy()), evaluation.correct(), evaluation.count(), epochs,
                epochs == 1 ? "" : "s", selectedByValidation ? " (best by validation)" : "", checkpoint));
    }

    /** "pictures" for image data, "examples" for rows of numbers: the word the progress lines use. */
    static String examples(DatasetInfo info) {
        return info.image() != null ? "images" : "examples";
    }

    /** "data: Fashion-MNIST from DIR, 10 classes (T-shirt/top, Trouser, …), inputs 1×28×28, scale 0.003921569" */
    private String describe(DatasetInfo info) {
        List<String> names = info.classNames();
        String classes = String.join(", ", names.subList(0, Math.min(6, names.size())))
                + (names.size() > 6 ? ", …" : "");
        return "data: " + info.name() + " from " + DataSource.path(dataOptions.data) + ", " + info.classes()
                + " classes (" + classes + "), inputs " + (info.image() != null ? info.image().toString()
                : Integer.toString(info.inputSize())) + ", " + info.preprocessing();
    }

    /** A checkpoint resumes only on data of the same shape and classes as it was trained on. */
    private void checkResumedData(SavedModel saved, DatasetInfo info) {
        Network network = saved.network();
        DatasetInfo before = saved.dataInfo() != null ? saved.dataInfo() : Models.dataOf(saved, resume);
        if (network.inputSize() != info.inputSize() || !before.classNames().equals(info.classNames())) {
            throw new CliFailure(resume + " was trained on " + before.name() + " (" + before.inputSize() + " inputs, "
                    + before.classes() + " classes) but --data " + DataSource.path(dataOptions.data) + " holds "
                    + info.name() + " (" + info.inputSize() + " inputs, " + info.classes() + " classes); resume it with "
                    + "the data it was trained on");
        }
        if (!before.preprocessing().equals(info.preprocessing())) {
            throw new CliFailure(resume + " was trained on data prepared as " + before.preprocessing() + " but --data "
                    + "now gives " + info.preprocessing() + " (other examples, --test-fraction or --standardize); resume "
                    + "it with the same data and flags");
        }
    }

    /** A resumed run's report continues the history in the report folder, up to the checkpoint's epoch. */
    private List<EpochRecord> earlierHistory(TrainingState resumed) throws IOException {
        List<EpochRecord> history = new ArrayList<>();
        if (resumed != null && report != null && Files.isRegularFile(report.resolve("metrics.csv"))) {
            for (EpochRecord r : MetricsWriter.readCsv(report.resolve("metrics.csv"))) {
                if (r.epoch() <= resumed.epochsCompleted()) {
                    history.add(r);
                }
            }
        }
        return history;
    }
}
