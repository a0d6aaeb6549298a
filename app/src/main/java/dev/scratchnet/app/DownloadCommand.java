package dev.scratchnet.app;

import dev.scratchnet.app.DatasetFiles.RemoteFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scratchnet download}: fetch and verify the four MNIST (or Fashion-MNIST) files. */
@Command(name = "download", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Download the four MNIST files (or Fashion-MNIST) from public mirrors.",
            "Each file is checked against its SHA-256 before it is moved into place; files already there and correct are kept."})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder to put the files in (default $SCRATCHNET_DATA, else data/mnist; data/fashion-mnist with --fashion).")
    Path data;

    @Option(names = "--fashion", description = "Fetch Fashion-MNIST instead of MNIST.")
    boolean fashion;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "A mirror to use instead of the built-in list (repeat for several; tried in order).")
    List<URI> mirrors;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a mirror that sends nothing for this long.")
    int timeoutSeconds;

    @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "900",
            description = "Give up on a mirror that takes longer than this for one file, even if it keeps sending.")
    int maxSeconds;

    @Option(names = "--quiet", description = "Print only the final line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, v -> v.atLeast("--timeout", timeoutSeconds, 1).atLeast("--max-time", maxSeconds, 1));
        DatasetFiles set = fashion ? DatasetFiles.FASHION : DatasetFiles.MNIST;
        Path dir = data != null ? data : set.defaultFolder();
        List<URI> from = mirrors == null || mirrors.isEmpty() ? set.mirrors() : mirrors.stream().map(DownloadCommand::asFolder).toList();
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getOut(), ProgressPrinter.chooseMode(quiet), System::nanoTime);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Downloader downloader = new Downloader(from, progress, timeout, timeout, Duration.ofSeconds(maxSeconds));
        int fetched = 0;
        for (RemoteFile file : set.files()) {
            try {
                if (downloader.ensure(dir, file)) {
                    fetched++;
                    progress.line(file.name() + ": downloaded and verified");
                } else {
                    progress.line(file.name() + ": already present and verified");
                }
            } catch (Downloader.DownloadFailed e) {
                // A 404 or a bad checksum is the mirror's fault, not a sign that the network is missing.
                throw new CliFailure(Failures.describe(e) + "; " + (e.networkProblem()
                        ? "if this machine has no network, " : "try another --mirror, or ") + set.handInstructions(dir), e);
            }
        }
        progress.finalLine(set.title() + " is ready in " + dir + " (" + fetched + " downloaded, "
                + (set.files().size() - fetched) + " already there)");
        return Failures.SUCCESS;
    }

    /** URI.resolve drops the last path segment unless the base ends in a slash. */
    private static URI asFolder(URI mirror) {
        String s = mirror.toString();
        return s.endsWith("/") ? mirror : URI.create(s + "/");
    }
}
