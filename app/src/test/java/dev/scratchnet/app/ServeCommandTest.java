package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scratchnet serve} on the command line: what it prints, and the mistakes it refuses. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void portZeroPicksAFreePortAndPrintsTheRealAddressThenStopsWhenInterrupted() throws Exception {
        ServeFixtures.syntheticModel(dir);
        Path data = IdxFixtures.folder(dir.resolve("mnist"), 10, 30);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "serve", "--model", dir.resolve("serve-test.snet").toString(), "--port", "0", "--data", data.toString())));
        serving.start();
        URI page = awaitAddress(out, err);
        try {
            assertEquals("127.0.0.1", page.getHost(), "loopback by default");
            assertTrue(page.getPort() > 0, "the real port, not 0");
            assertTrue(out.toString().contains("test digits: 30 from " + data), out.toString());
            HttpClient client = ServeFixtures.client();
            HttpResponse<String> model = client.send(HttpRequest.newBuilder(page.resolve("api/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, model.statusCode());
            assertTrue(model.body().contains("\"testDigits\":30"), model.body());
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertEquals(0, exit.get(), err.toString());
        HttpClient client = ServeFixtures.client();
        assertThrows(ConnectException.class, () -> client.send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.ofString()), "the port is closed after stopping");
    }

    @Test
    void aPortInUseSaysToChooseAnother() throws IOException {
        ServeFixtures.syntheticModel(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--model", dir.resolve("serve-test.snet").toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("cannot listen on 127.0.0.1 port " + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("--port 0 for any free port"), run.err());
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("serve", "--model", "any.snet", "--port", "70000");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--port must be between 0 and 65535, got 70000"), run.err());
    }

    @Test
    void anUnknownHostIsRefusedInOneSentence() throws IOException {
        ServeFixtures.syntheticModel(dir);
        CliRun run = CliRun.of("serve", "--model", dir.resolve("serve-test.snet").toString(), "--host", "no-such-host.invalid");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--host no-such-host.invalid is not an address of this machine"), run.err());
    }

    @Test
    void aMissingModelFileIsRefusedBeforeListening() {
        CliRun run = CliRun.of("serve", "--model", dir.resolve("missing.snet").toString(), "--port", "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("missing.snet"), run.err());
    }

    private static URI awaitAddress(StringWriter out, StringWriter err) throws InterruptedException {
        Pattern open = Pattern.compile("open (http://\\S+) in a browser");
        for (int i = 0; i < 600; i++) {
            Matcher m = open.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve printed no address in 30 s; out: " + out + " err: " + err);
    }
}
