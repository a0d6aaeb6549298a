package dev.scratchnet.app;

import dev.scratchnet.io.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scratchnet serve}: a local web page to draw a digit and watch every layer respond. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Serve a web page where you draw a digit and watch the model's layers respond as you draw.",
            "Open the printed address in a browser; Ctrl+C stops the server."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the MNIST files; adds buttons that load test digits, and ones the model gets wrong.")
    Path data;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. The default serves this machine only.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on; 0 picks a free one.")
    int port;

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, v -> {
            backendOptions.validate(v);
            v.between("--port", port, 0, 65535);
        });
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliFailure("--host " + host + " is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for all");
        }
        SavedModel saved = Models.loadForMnist(model, backendOptions.select());
        PrintWriter out = spec.commandLine().getOut();
        TestDigits digits = null;
        if (data != null) {
            digits = TestDigits.load(data, saved.network(), saved.normalization());
            out.println("test digits: " + digits.size() + " from " + data + ", " + digits.misclassifiedCount()
                    + " of them misclassified by this model");
        }
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        DigitServer server;
        try {
            server = DigitServer.start(saved, model.getFileName().toString(), digits, new InetSocketAddress(address, port),
                    threads);
        } catch (BindException e) {
            throw new CliFailure("cannot listen on " + host + " port " + port + " (" + e.getMessage()
                    + "); choose another with --port, or --port 0 for any free port");
        }
        Thread hook = new Thread(server::close, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving " + model + " (" + saved.network().describe() + ") on " + server.uri().getHost() + " port "
                + server.uri().getPort());
        if (!address.isLoopbackAddress()) {
            out.println("note: --host " + host + " lets other machines on the network open the page too");
        }
        out.println("open " + server.uri() + " in a browser; Ctrl+C stops the server");
        out.flush();
        try {
            // Serve until Ctrl+C (the shutdown hook closes the server) or, in tests, until interrupted.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and closes the server anyway
            }
        }
        return Failures.SUCCESS;
    }
}
