package dev.scratchnet.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A file server on 127.0.0.1 for download tests; it can also misbehave on purpose. */
final class LoopbackServer implements AutoCloseable {

    enum Behaviour {
        /** Serve the files as they are. */
        GOOD,
        /** Promise the full length, send half, then close the connection. */
        DROP_HALF_WAY,
        /** Promise the full length and send one byte every 50 ms: never idle long, never done. */
        TRICKLE
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    LoopbackServer(Path root, Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, root, behaviour));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange, Path root, Behaviour behaviour) throws IOException {
        requests.incrementAndGet();
        String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (behaviour == Behaviour.DROP_HALF_WAY) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange before the promised length ends the TCP connection.
            exchange.close();
            return;
        }
        if (behaviour == Behaviour.TRICKLE) {
            try {
                for (int i = 0; i < body.length && !closed; i++) {
                    byte b = body[i];
                    out.write(b);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException clientGaveUp) {
                // The downloader closed the connection: the point of the test.
            }
            exchange.close();
            return;
        }
        out.write(body);
        exchange.close();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }
}
