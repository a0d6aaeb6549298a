package dev.scratchnet.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.Network;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server behind {@code scratchnet serve}: one page (HTML, CSS and JavaScript from the jar's
 * {@code web/} resources) and a small JSON API.
 *
 * <ul>
 *   <li>{@code POST /api/predict}: a PNG (any picture) or a JSON array of 784 pixel values 0..255 →
 *       probabilities, predicted class, the prepared 28×28 input and every layer's outputs;</li>
 *   <li>{@code GET /api/model}: the layer table; {@code GET /api/weights}: the first dense layer's
 *       weights, one 28×28 picture per unit;</li>
 *   <li>{@code GET /api/digit?index=I} or {@code ?misclassified=K}: a test digit, with {@code --data}.</li>
 * </ul>
 *
 * Requests run on a fixed pool of threads, all sharing the one network: inference allocates its own
 * buffers and changes nothing, so there is no lock. Every failure is answered with a 4xx or 5xx
 * status and {@code {"error": "one sentence"}}, never a stack trace. Only the files listed in
 * {@link #PAGES} are served, looked up by exact path, so no request can reach any other resource.
 */
final class DigitServer implements AutoCloseable {
    /** Largest request body: a 280×280 PNG is a few kilobytes, a JSON image about 4 KB. */
    static final int MAX_BODY = 1 << 20;
    /** Most of a too-large body read (and dropped) so its sender can read the refusal; past it the connection just closes. */
    static final int DRAIN_LIMIT = 16 << 20;
    /** Requests waiting for a thread; when full, the accepting thread runs the request itself, which slows intake. */
    static final int QUEUE = 512;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final Logger LOG = LoggerFactory.getLogger(DigitServer.class);
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/style.css", "style.css");
    /** Everything the page needs comes from this server; nothing from the network. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final Network network;
    private final Normalization normalization;
    private final TestDigits digits;
    private final byte[] modelJson;
    private final byte[] weightsJson;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private DigitServer(HttpServer http, ThreadPoolExecutor pool, SavedModel saved, String modelName, TestDigits digits) {
        this.http = http;
        this.pool = pool;
        this.network = saved.network();
        this.normalization = saved.normalization();
        this.digits = digits;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("model", modelName);
        model.put("architecture", network.describe());
        model.put("parameters", network.parameterCount());
        model.put("layers", LayerActivations.table(network));
        model.put("testDigits", digits == null ? 0 : digits.size());
        model.put("misclassified", digits == null ? 0 : digits.misclassifiedCount());
        this.modelJson = utf8(Json.write(model));
        Map<String, Object> weights = LayerActivations.firstLayerWeights(network);
        this.weightsJson = weights == null ? null : utf8(Json.write(weights));
        for (String file : PAGES.values()) {
            files.computeIfAbsent(file, DigitServer::resource);
        }
    }

    /**
     * Starts serving on its own threads.
     *
     * @param address where to listen; port 0 picks a free port ({@link #uri()} tells which)
     * @param threads request threads
     * @param digits the test set for the sample buttons, or null
     * @throws IOException if the address cannot be bound (in use, or not this machine's)
     */
    static DigitServer start(SavedModel saved, String modelName, TestDigits digits, InetSocketAddress address,
            int threads) throws IOException {
        // Without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK (Nagle's algorithm).
        // The JDK's server reads this once, when its first instance in the JVM is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer http = HttpServer.create(address, QUEUE);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            DigitServer server = new DigitServer(http, pool, saved, modelName, digits);
            http.createContext("/", server::handle);
            http.setExecutor(pool);
            http.start();
            return server;
        } catch (RuntimeException e) {
            http.stop(0); // the port is bound already: free it
            pool.shutdownNow();
            throw e;
        }
    }

    /** @return the page's address, with the real port */
    URI uri() {
        InetSocketAddress bound = http.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (bound.getAddress() instanceof Inet6Address) {
            host = "[" + host.replaceFirst("%.*", "") + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            route(exchange, method, path);
        } catch (HttpError e) {
            sendError(exchange, e.status, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Most often the client went away mid-answer; anything else is a bug, told in one line.
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            sendError(exchange, 500, "the server failed to answer (" + e.getClass().getSimpleName() + ")");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        switch (path) {
            case "/api/predict" -> {
                allow(exchange, method, "POST");
                send(exchange, 200, "application/json", utf8(Json.write(predict(exchange))));
            }
            case "/api/model" -> {
                allow(exchange, method, "GET");
                send(exchange, 200, "application/json", modelJson);
            }
            case "/api/weights" -> {
                allow(exchange, method, "GET");
                if (weightsJson == null) {
                    throw new HttpError(404, "the first layer is not a dense layer on the image, so it has no 28×28 weights");
                }
                send(exchange, 200, "application/json", weightsJson);
            }
            case "/api/digit" -> {
                allow(exchange, method, "GET");
                send(exchange, 200, "application/json", utf8(Json.write(digit(exchange.getRequestURI().getRawQuery()))));
            }
            default -> {
                String file = PAGES.get(path);
                if (file == null) {
                    throw new HttpError(404, "there is nothing at " + path + "; the page is at /");
                }
                allow(exchange, method, "GET");
                send(exchange, 200, contentType(file), files.get(file));
            }
        }
    }

    private Map<String, Object> predict(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        if (body.length == 0) {
            throw new HttpError(400, "the request has no body; POST a PNG of the digit or a JSON array of 784 pixel values");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        // The type, or the body itself: no picture format starts with '[' (curl sends form data's type by default).
        boolean json = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")
                || new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1).strip().startsWith("[");
        float[] pixels = json ? pixelsFromJson(body) : pixelsFromImage(body);
        return LayerActivations.of(network, normalization, pixels);
    }

    private static float[] pixelsFromImage(byte[] body) {
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(body))) {
            BufferedImage image = DigitImage.decode(in, "the posted body");
            int[] prepared = DigitImage.preprocess(image, "the posted image");
            float[] pixels = new float[prepared.length];
            for (int i = 0; i < prepared.length; i++) {
                pixels[i] = prepared[i];
            }
            return pixels;
        } catch (IOException e) {
            // DigitImage's sentences: not an image, damaged, too large, or no digit to find.
            throw new HttpError(400, e.getMessage());
        }
    }

    private float[] pixelsFromJson(byte[] body) {
        double[] values;
        try {
            values = Json.readNumberArray(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        int expected = network.inputSize();
        if (values.length != expected) {
            throw new HttpError(400, "the array has " + values.length + " values; send " + expected
                    + " pixel values (28×28, row by row, 0 for background to 255 for ink)");
        }
        float[] pixels = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 255)) {
                throw new HttpError(400, "pixel " + i + " is " + values[i] + "; pixel values go from 0 to 255");
            }
            pixels[i] = (float) values[i];
        }
        return pixels;
    }

    private Map<String, Object> digit(String query) {
        if (digits == null) {
            throw new HttpError(404, "there are no test digits; start serve with --data DIR, the MNIST folder");
        }
        String[] pair = query == null ? new String[0] : query.split("=", 2);
        if (pair.length != 2 || !(pair[0].equals("index") || pair[0].equals("misclassified"))) {
            throw new HttpError(400, "ask for /api/digit?index=I (0 to " + (digits.size() - 1)
                    + ") or /api/digit?misclassified=K (0 to " + (digits.misclassifiedCount() - 1) + ")");
        }
        boolean wrongOnes = pair[0].equals("misclassified");
        int count = wrongOnes ? digits.misclassifiedCount() : digits.size();
        int k;
        try {
            k = Integer.parseInt(pair[1]);
        } catch (NumberFormatException e) {
            k = -1;
        }
        if (k < 0 || k >= count) {
            throw new HttpError(400, pair[0] + " must be a whole number from 0 to " + (count - 1) + ", got '" + pair[1] + "'");
        }
        int index = wrongOnes ? digits.misclassified(k) : k;
        float[] raw = digits.pixels(index);
        int[] pixels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = Math.round(raw[i]);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("index", index);
        answer.put("label", digits.label(index));
        answer.put("pixels", pixels);
        return answer;
    }

    /** Reads at most {@link #MAX_BODY} bytes; a larger body is refused without keeping it. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && declaredLength(declared) > MAX_BODY) {
                discard(in);
                throw tooLarge();
            }
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                discard(in);
                throw tooLarge();
            }
            return body;
        }
    }

    /**
     * Reads and drops the rest of a refused body, up to {@link #DRAIN_LIMIT}: a client still sending when
     * the connection closes gets a reset instead of the answer that says what was wrong.
     */
    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; total < DRAIN_LIMIT && (n = in.read(buffer)) > 0; ) {
            total += n;
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new HttpError(400, "the Content-Length header '" + header + "' is not a number");
        }
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "the body is larger than " + MAX_BODY / (1 << 20) + " MiB; a picture of one digit needs "
                + "far less, so scale it down");
    }

    private static void allow(HttpExchange exchange, String method, String allowed) {
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new HttpError(405, "use " + allowed + " here, not " + method);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) {
        if (exchange.getResponseCode() != -1) {
            return; // the answer has started; nothing more can be said
        }
        if (status == 413) {
            exchange.getResponseHeaders().set("Connection", "close"); // the rest of the body is never read
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        try {
            send(exchange, status, "application/json", utf8(Json.write(error)));
        } catch (IOException e) {
            LOG.debug("could not send the error answer: {}", e.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }

    private static byte[] resource(String file) {
        try (InputStream in = DigitServer.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no web/" + file + "; rebuild it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A request the server refuses, with its HTTP status and the sentence to send back. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
