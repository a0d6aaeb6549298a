package dev.scratchnet.app;

import dev.scratchnet.backend.BackendUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into exit codes and one plain sentence on stderr. Stack traces only with
 * {@code --verbose}: a user who typed a wrong path needs the path, not forty frames.
 */
final class Failures {
    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static final String OUT_OF_MEMORY = "ran out of heap memory; give Java more, for example "
            + "JAVA_OPTS=-Xmx4g ./scratchnet ... or java -Xmx4g -jar app/target/scratchnet.jar ...";

    private Failures() {
    }

    /** Bad flags or arguments: exit 2, the problem, and where to look for the right spelling. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            if (verbose(List.of(args))) {
                ex.printStackTrace(err);
            }
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + sentence(ex.getMessage()) + didYouMean(ex)
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return USAGE;
        }
    }

    /**
     * Picocli's own guess for a mistyped command or flag ({@code trian} → {@code train},
     * {@code --epoch} → {@code --epochs}), kept in the one sentence rather than printed as a list.
     */
    static String didYouMean(ParameterException ex) {
        UnmatchedArgumentException unmatched;
        if (ex instanceof UnmatchedArgumentException u) {
            unmatched = u;
        } else if (!ex.getCommandLine().getUnmatchedArguments().isEmpty()) {
            // Picocli reports a missing required flag before an unknown one, though the unknown one is
            // often the same flag mistyped (--modle for --model): name it and the guess as well.
            List<String> unknown = ex.getCommandLine().getUnmatchedArguments();
            unmatched = new UnmatchedArgumentException(ex.getCommandLine(), unknown);
            String guess = didYouMean(unmatched);
            return "; unknown " + (unknown.size() == 1 ? "argument '" : "arguments '") + String.join("', '", unknown)
                    + "'" + guess;
        } else {
            return "";
        }
        List<String> suggestions = unmatched.getSuggestions().stream().distinct().limit(3).map(s -> "'" + s + "'").toList();
        if (suggestions.isEmpty()) {
            return "";
        }
        String last = suggestions.get(suggestions.size() - 1);
        String choices = suggestions.size() == 1 ? last
                : String.join(", ", suggestions.subList(0, suggestions.size() - 1)) + " or " + last;
        return "; did you mean " + choices + "?";
    }

    /** Anything that went wrong while running: exit 1 and one sentence. */
    static final class ExecutionErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            boolean verbose = verbose(parseResult.originalArgs());
            if (verbose) {
                ex.printStackTrace(err);
            }
            String hint = verbose || ex instanceof CliFailure ? "" : hintFor(ex);
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex) + hint);
            err.flush();
            return ex instanceof CliFailure f ? f.exitCode() : FAILURE;
        }
    }

    private static boolean verbose(List<String> args) {
        return args.contains("--verbose");
    }

    /** Unexpected exceptions get a pointer to --verbose; expected ones say everything already. */
    private static String hintFor(Exception ex) {
        boolean expected = ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof BackendUnavailableException
                || ex instanceof IllegalStateException;
        return expected ? "" : " (run again with --verbose for details)";
    }

    /**
     * One sentence for an exception. Messages of our own exceptions are written for users already;
     * the JDK's file exceptions carry only the path, so they get words around it.
     */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (ex instanceof NoSuchFileException e) {
            return "file or folder not found: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + ex.getClass().getSimpleName();
        }
        if (ex instanceof IOException || ex instanceof CliFailure || ex instanceof IllegalArgumentException
                || ex instanceof BackendUnavailableException || ex instanceof IllegalStateException) {
            return sentence(message);
        }
        return sentence(ex.getClass().getSimpleName() + ": " + message);
    }

    /**
     * A command-line path. The JDK refuses names it cannot encode in the platform's file-name
     * charset, which under {@code LC_ALL=C} is ASCII: say so, instead of InvalidPathException.
     */
    static java.nio.file.Path path(String text) {
        try {
            return java.nio.file.Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' cannot be used as a file name: it has characters "
                    + "that the current locale (" + System.getProperty("sun.jnu.encoding", "unknown charset")
                    + ") cannot represent; run with a UTF-8 locale, for example LC_ALL=C.UTF-8, or use a plain ASCII path");
        }
    }

    /** Multi-line messages become one line, so stderr stays one sentence per failure. */
    static String sentence(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
