package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code scratchnet} command line. Each subcommand is its own class; this one wires them
 * together and turns every failure into an exit code and one sentence on stderr
 * (0 success, 2 usage error, 1 anything else).
 */
@Command(name = "scratchnet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        description = "Train, evaluate and use neural networks on MNIST, Fashion-MNIST, CSV files and picture folders, "
                + "written from first principles.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            ReportCommand.class,
            GradcheckCommand.class,
            DownloadCommand.class,
            ServeCommand.class,
            SummaryCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces and debug details when something fails.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param args the command line */
    public static void main(String[] args) {
        // Charts and digit grids are drawn off-screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
        if (java.util.Arrays.asList(args).contains("--quiet")) {
            // --quiet keeps only the final line, so the backend choice is not logged either.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /**
     * Runs the command line without exiting, so tests can call it in-process.
     *
     * @return the exit code
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // Errors bypass picocli's handlers; this is the one a user can fix.
            err.println("scratchnet: " + Failures.OUT_OF_MEMORY);
            err.flush();
            return Failures.FAILURE;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Core's own parsers accept the command-line spellings (leaky-relu, cross-entropy, step:5:0.5)
        // and name the accepted values when they refuse one.
        cli.registerConverter(Activation.class, text -> parse(Activation::parse, text));
        cli.registerConverter(LossKind.class, text -> parse(LossKind::parse, text));
        cli.registerConverter(Initializer.class, text -> parse(Initializer::parse, text));
        cli.registerConverter(OptimizerKind.class, text -> parse(OptimizerKind::parse, text));
        cli.registerConverter(LearningRateSchedule.class, text -> parse(LearningRateSchedule::parse, text));
        cli.registerConverter(java.nio.file.Path.class, Failures::path);
        cli.setParameterExceptionHandler(new Failures.UsageErrorHandler());
        cli.setExecutionExceptionHandler(new Failures.ExecutionErrorHandler());
        HelpFormat.install(cli);
        return cli;
    }

    private static <T> T parse(Function<String, T> parser, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Override
    public void run() {
        // No subcommand: show what there is, and say it was a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
    }
}
