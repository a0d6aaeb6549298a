package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Backends;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.io.SavedModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many predictions at once on loopback: every answer must be the one {@code Network.predict} gives
 * for that request's own input, so answers cannot have been mixed up between threads. The latency
 * figures are printed for the record, not asserted: the machine is shared.
 */
class ServeLoadTest {
    static final int REQUESTS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredConcurrentPredictionsAreAllAnsweredCorrectly() throws Exception {
        // Scalar sums in one fixed order, so every answer must be bit for bit what predict gives.
        load(ServeFixtures.syntheticModel(dir, new ScalarBackend()), 0f);
    }

    @Test
    void twoHundredConcurrentPredictionsOnTheAutoBackendAreAllAnsweredCorrectly() throws Exception {
        // What serve uses by default: simd where available, whose worker team is shared by concurrent callers.
        // Its exp and lane sums may round differently in the last bit while the JIT compiles, hence the tolerance.
        load(ServeFixtures.syntheticModel(dir, Backends.select("auto", 2)), 1e-6f);
    }

    private static void load(SavedModel model, float tolerance) throws Exception {
        HttpClient client = ServeFixtures.client();
        try (DigitServer server = ServeFixtures.start(model, null)) {
            double[][] inputs = new double[REQUESTS][];
            List<HttpRequest> requests = new ArrayList<>();
            for (int r = 0; r < REQUESTS; r++) {
                inputs[r] = ServeApiTest.randomPixels(1000 + r);
                requests.add(ServeFixtures.request(server, "/api/predict")
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(ServeApiTest.jsonArray(inputs[r]))).build());
            }
            // A few requests first, so the figures are about serving, not about the JIT's first minutes.
            for (int r = 0; r < 20; r++) {
                client.send(requests.get(r), HttpResponse.BodyHandlers.ofString());
            }

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            long[] latencyNanos = new long[REQUESTS];
            long wallStart = System.nanoTime();
            for (int r = 0; r < REQUESTS; r++) {
                int request = r;
                long start = System.nanoTime();
                answers.add(client.sendAsync(requests.get(r), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> latencyNanos[request] = System.nanoTime() - start));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            long wallNanos = System.nanoTime() - wallStart;

            for (int r = 0; r < REQUESTS; r++) {
                HttpResponse<String> response = answers.get(r).get();
                assertEquals(200, response.statusCode(), response.body());
                assertArrayEquals(ServeFixtures.expectedProbabilities(model, inputs[r]),
                        ServeFixtures.floatArray(response.body(), "probabilities"), tolerance, "request " + r);
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "serve load (%s): %d concurrent predict requests, all correct; latency p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms; all %d answered in %.0f ms (%d processors)%n", model.network().backend().name(), REQUESTS,
                    sorted[REQUESTS / 2 - 1] / 1e6, sorted[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6,
                    sorted[REQUESTS - 1] / 1e6, REQUESTS, wallNanos / 1e6, Runtime.getRuntime().availableProcessors());
        }
    }
}
