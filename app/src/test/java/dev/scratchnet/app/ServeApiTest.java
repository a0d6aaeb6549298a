package dev.scratchnet.app;

import static dev.scratchnet.app.ServeFixtures.floatArray;
import static dev.scratchnet.app.ServeFixtures.floatArrays;
import static dev.scratchnet.app.ServeFixtures.number;
import static dev.scratchnet.app.ServeFixtures.request;
import static dev.scratchnet.app.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.io.SavedModel;
import dev.scratchnet.layer.Dense;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON API and the static files of {@link DigitServer}, over real HTTP on loopback. */
class ServeApiTest {
    @TempDir
    static Path dir;

    static SavedModel model;
    static TestDigits digits;
    static DigitServer server;
    static HttpClient client;

    @BeforeAll
    static void startServer() throws IOException {
        model = ServeFixtures.syntheticModel(dir);
        digits = TestDigits.load(IdxFixtures.folder(dir.resolve("mnist"), 20, 50), model.network(), model.normalization());
        server = ServeFixtures.start(model, digits);
        client = ServeFixtures.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void pageAndItsFilesAreServedFromTheJarAndNeedNothingFromOutside() throws IOException {
        for (String path : List.of("/", "/index.html", "/app.js", "/style.css")) {
            HttpResponse<String> response = send(client, request(server, path));
            assertEquals(200, response.statusCode(), path);
            assertFalse(response.body().contains("http://") || response.body().contains("https://"),
                    path + " must not load anything from the network");
            assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        }
        HttpResponse<String> page = send(client, request(server, "/"));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<canvas id=\"pad\" width=\"280\" height=\"280\""), page.body());
    }

    @Test
    void modelListsEveryLayerWithItsNameAndKind() throws IOException {
        HttpResponse<String> response = send(client, request(server, "/api/model"));
        assertEquals(200, response.statusCode());
        String json = response.body();
        assertTrue(json.contains("\"name\":\"Dense(784→32, relu)\",\"kind\":\"dense\",\"inputs\":784,\"outputs\":32"), json);
        assertTrue(json.contains("\"name\":\"Dropout(0.2)\",\"kind\":\"dropout\""), json);
        assertTrue(json.contains("\"name\":\"Dense(16→10, identity)\""), json);
        assertEquals(model.network().parameterCount(), number(json, "parameters"));
        assertEquals(50, number(json, "testDigits"));
    }

    @Test
    void predictOnPixelsGivesWhatNetworkPredictGivesAndEveryLayersOutputs() throws IOException {
        double[] pixels = randomPixels(1);
        HttpResponse<String> response = send(client, request(server, "/api/predict")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(jsonArray(pixels))));
        assertEquals(200, response.statusCode(), response.body());
        String json = response.body();

        float[] expected = ServeFixtures.expectedProbabilities(model, pixels);
        assertArrayEquals(expected, floatArray(json, "probabilities"));
        assertEquals(Evaluation.argmax(expected, 0, 10), number(json, "predicted"));
        assertArrayEquals(ServeFixtures.toDoubles(floatArray(json, "input")), pixels);

        // Dropout passes its input through at inference, so only the three dense layers are shown.
        List<float[]> layers = floatArrays(json, "values");
        assertEquals(List.of(32, 16, 10), layers.stream().map(v -> v.length).toList());
        float[] input = new float[784];
        for (int i = 0; i < input.length; i++) {
            input[i] = model.normalization().apply((int) pixels[i]);
        }
        assertArrayEquals(model.network().outputs(Tensor.wrap(1, 784, input)).data(), layers.get(2), "logits");
        assertFalse(json.contains("\"shape\""), "flat layers have no feature-map shape");
    }

    @Test
    void predictOnPngPreparesItLikeThePredictCommand() throws IOException {
        BufferedImage drawing = strokeImage();
        HttpResponse<String> response = send(client, request(server, "/api/predict")
                .header("Content-Type", "image/png").POST(BodyPublishers.ofByteArray(png(drawing))));
        assertEquals(200, response.statusCode(), response.body());

        int[] prepared = DigitImage.preprocess(drawing, "test");
        double[] expectedInput = Arrays.stream(prepared).asDoubleStream().toArray();
        assertArrayEquals(expectedInput, ServeFixtures.toDoubles(floatArray(response.body(), "input")));
        assertArrayEquals(ServeFixtures.expectedProbabilities(model, expectedInput), floatArray(response.body(), "probabilities"));
    }

    @Test
    void withoutAJsonContentTypeTheBodyItselfTellsPixelsFromAPicture() throws IOException {
        double[] pixels = randomPixels(2);
        HttpResponse<String> json = send(client, request(server, "/api/predict").POST(BodyPublishers.ofString(jsonArray(pixels))));
        assertEquals(200, json.statusCode(), json.body());
        assertArrayEquals(ServeFixtures.expectedProbabilities(model, pixels), floatArray(json.body(), "probabilities"));
        HttpResponse<String> form = post("application/x-www-form-urlencoded", jsonArray(pixels).getBytes(StandardCharsets.UTF_8));
        assertEquals(json.body(), form.body(), "curl's default type");
        HttpResponse<String> picture = send(client, request(server, "/api/predict").POST(BodyPublishers.ofByteArray(png(strokeImage()))));
        assertEquals(200, picture.statusCode(), picture.body());
    }

    @Test
    void weightsAreTheFirstDenseLayersColumnsOneArrayPerUnit() throws IOException {
        HttpResponse<String> response = send(client, request(server, "/api/weights"));
        assertEquals(200, response.statusCode());
        String json = response.body();
        assertEquals(32, number(json, "units"));
        // "weights":[[unit 0's 784 values],[unit 1's],…]
        String list = json.substring(json.indexOf("\"weights\":[[") + "\"weights\":[[".length(), json.lastIndexOf("]]"));
        String[] units = list.split("\\],\\[");
        assertEquals(32, units.length);
        Tensor w = ((Dense) model.network().layers().get(0)).weights().value();
        for (int unit : new int[] {0, 7, 31}) {
            float[] column = new float[784];
            for (int i = 0; i < 784; i++) {
                column[i] = w.get(i, unit);
            }
            assertArrayEquals(column, parseFloats(units[unit]), "unit " + unit);
        }
    }

    @Test
    void testDigitsComeByIndexAndTheMisclassifiedOnesAreWrong() throws IOException {
        HttpResponse<String> byIndex = send(client, request(server, "/api/digit?index=3"));
        assertEquals(200, byIndex.statusCode(), byIndex.body());
        float[] pixels = digits.pixels(3);
        assertArrayEquals(pixels, floatArray(byIndex.body(), "pixels"));
        assertEquals(digits.label(3), number(byIndex.body(), "label"));

        assertTrue(digits.misclassifiedCount() > 0, "a model trained on noise gets some random labels wrong");
        HttpResponse<String> wrong = send(client, request(server, "/api/digit?misclassified=0"));
        assertEquals(200, wrong.statusCode(), wrong.body());
        int index = (int) number(wrong.body(), "index");
        float[] probabilities = ServeFixtures.expectedProbabilities(model, ServeFixtures.toDoubles(digits.pixels(index)));
        assertNotEquals(digits.label(index), Evaluation.argmax(probabilities, 0, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/digit", "/api/digit?index=50", "/api/digit?index=-1", "/api/digit?index=x",
        "/api/digit?misclassified=99999", "/api/digit?other=1"})
    void badDigitQueriesAreRefusedWithTheRange(String path) throws IOException {
        HttpResponse<String> response = send(client, request(server, path));
        assertJsonError(response, 400, "0 to");
    }

    @Test
    void withoutDataTheDigitButtonsSayHowToGetThem() throws IOException {
        try (DigitServer bare = ServeFixtures.start(model, null)) {
            HttpResponse<String> response = send(client, request(bare, "/api/digit?index=0"));
            assertJsonError(response, 404, "--data");
            assertEquals(0, number(send(client, request(bare, "/api/model")).body(), "testDigits"));
        }
    }

    // ---- bad requests: each one a 4xx with one sentence in JSON ----

    @Test
    void aBodyThatIsNotAnImageIsRefused() throws IOException {
        HttpResponse<String> response = post("image/png", "hello, not a picture".getBytes(StandardCharsets.UTF_8));
        assertJsonError(response, 400, "not an image");
    }

    @Test
    void aDamagedPngIsRefused() throws IOException {
        byte[] whole = png(strokeImage());
        HttpResponse<String> response = post("image/png", Arrays.copyOf(whole, whole.length / 2));
        assertJsonError(response, 400, "damaged");
    }

    @Test
    void aBlankDrawingIsRefusedSayingThereIsNoDigit() throws IOException {
        HttpResponse<String> response = post("image/png", png(new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB)));
        assertJsonError(response, 400, "shows no digit");
    }

    @Test
    void anEmptyBodyIsRefused() throws IOException {
        assertJsonError(post("image/png", new byte[0]), 400, "no body");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 783, 785, 1568})
    void anArrayOfTheWrongLengthIsRefused(int length) throws IOException {
        HttpResponse<String> response = post("application/json", jsonArray(new double[length]).getBytes(StandardCharsets.UTF_8));
        assertJsonError(response, 400, "send 784 pixel values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pixels\": [1, 2]}", "[1, 2,", "[[1, 2], [3]]", "[1, NaN, 3]", "[\"1\"]", "[1,,2]", "nonsense"})
    void jsonThatIsNotAFlatNumberArrayIsRefused(String body) throws IOException {
        assertJsonError(post("application/json", body.getBytes(StandardCharsets.UTF_8)), 400, "array");
    }

    @Test
    void pixelValuesOutsideZeroTo255AreRefused() throws IOException {
        double[] pixels = new double[784];
        pixels[100] = 256;
        assertJsonError(post("application/json", jsonArray(pixels).getBytes(StandardCharsets.UTF_8)), 400, "from 0 to 255");
        pixels[100] = -1;
        assertJsonError(post("application/json", jsonArray(pixels).getBytes(StandardCharsets.UTF_8)), 400, "from 0 to 255");
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() throws IOException {
        assertJsonError(post("image/png", new byte[DigitServer.MAX_BODY + 1]), 413, "larger than 1 MiB");
        assertJsonError(post("image/png", new byte[5 * DigitServer.MAX_BODY]), 413, "larger than 1 MiB");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsRefusedToo() throws IOException {
        // No Content-Length: the server finds out while reading, and stops there.
        byte[] big = new byte[3 * DigitServer.MAX_BODY];
        HttpResponse<String> response = send(client, request(server, "/api/predict").header("Content-Type", "image/png")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertJsonError(response, 413, "larger than 1 MiB");
    }

    @Test
    void exactlyOneMebibyteIsReadAndJudgedOnItsContent() throws IOException {
        byte[] limit = new byte[DigitServer.MAX_BODY];
        assertJsonError(post("image/png", limit), 400, "not an image");
    }

    @Test
    void wrongMethodsAreRefusedNamingTheRightOne() throws IOException {
        HttpResponse<String> get = send(client, request(server, "/api/predict").GET());
        assertJsonError(get, 405, "use POST");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertJsonError(send(client, request(server, "/api/model").POST(BodyPublishers.ofString("x"))), 405, "use GET");
        assertJsonError(send(client, request(server, "/").DELETE()), 405, "use GET");
        assertJsonError(send(client, request(server, "/app.js").PUT(BodyPublishers.ofString("x"))), 405, "use GET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/api/nope", "/api/predict/extra", "/index.htm", "/web/index.html",
        "/simplelogger.properties", "/dev/scratchnet/app/Main.class", "/%2e%2e/%2e%2e/pom.xml",
        "/%2e%2e%2fsimplelogger.properties", "/..%2fsimplelogger.properties", "/%2E%2E/%2E%2E/etc/passwd",
        "/web%2f..%2fsimplelogger.properties", "/app.js%00", "/%252e%252e/simplelogger.properties",
        "/%5c..%5csimplelogger.properties", "/.%2e/app.js"})
    void onlyThePagesOwnFilesCanBeRead(String path) throws IOException {
        HttpResponse<String> response = send(client, request(server, path));
        assertJsonError(response, 404, "the page is at /");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../simplelogger.properties", "/web/../../pom.xml", "/./app.js/../../simplelogger.properties",
        "//etc/passwd", "/..\\simplelogger.properties", "/api/../simplelogger.properties"})
    void rawDotDotPathsSentAsTheyAreReadNothing(String path) throws IOException {
        // java.net.http may tidy such paths; a plain socket sends them byte for byte.
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 404") || answer.startsWith("HTTP/1.1 400"), answer);
            assertFalse(answer.contains("simpleLogger") || answer.contains("<project") || answer.contains("root:"), answer);
        }
    }

    private static HttpResponse<String> post(String type, byte[] body) throws IOException {
        return send(client, request(server, "/api/predict").header("Content-Type", type).POST(BodyPublishers.ofByteArray(body)));
    }

    static void assertJsonError(HttpResponse<String> response, int status, String words) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String body = response.body();
        assertTrue(body.startsWith("{\"error\":\"") && body.endsWith("\"}"), body);
        assertTrue(body.contains(words), body + " should say '" + words + "'");
        assertFalse(body.contains("Exception") || body.contains("\\tat ") || body.contains("dev.scratchnet."), "no stack trace: " + body);
    }

    static double[] randomPixels(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, 784).mapToDouble(i -> random.nextInt(3) == 0 ? random.nextInt(256) : 0).toArray();
    }

    static String jsonArray(double[] values) {
        return Arrays.stream(values).mapToObj(v -> v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A "7" drawn in white on black, as the page's canvas would send it. */
    static BufferedImage strokeImage() {
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(20, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {70, 200, 120}, new int[] {60, 60, 230}, 3);
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static float[] parseFloats(String csv) {
        String[] items = csv.split(",");
        float[] values = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = Float.parseFloat(items[i]);
        }
        return values;
    }
}
