package dev.alertbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A JDK HTTP server on 127.0.0.1 and a free port, with a thread per concurrent request (stand-ins may sleep). */
abstract class LocalServer implements AutoCloseable {
    static {
        // Small responses are written as separate header and body writes: without TCP_NODELAY, Nagle + delayed ACK
        // can add ~40 ms to an exchange and the harness would measure itself.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;

    LocalServer(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a local port for " + name, e);
        }
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // A stand-in that answers at once does so on the server's own thread: a hand-off to a pool thread would add a
        // thread wake-up per request, measured as the function's time.
        server.setExecutor(task -> {
            if (answersAtOnce()) {
                task.run();
            } else {
                threads.execute(task);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (Exception e) {
                try {
                    send(exchange, 500, "application/json", "{\"message\":\"stand-in failed: " + e + "\"}");
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone
                }
            }
        });
        server.start();
    }

    abstract void handle(HttpExchange exchange) throws Exception;

    /** Whether every request is answered without waiting (no latency, no long poll). */
    boolean answersAtOnce() {
        return false;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(bodyBytes(exchange), StandardCharsets.UTF_8);
    }

    /** The request body as sent (a binary protocol's, e.g. CBOR). */
    static byte[] bodyBytes(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
