package dev.alertbridge.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

/**
 * The Lambda Runtime API (2018-06-01) as one execution environment sees it, for one runtime process: the runtime
 * long-polls {@code GET /runtime/invocation/next}, answers with {@code POST /runtime/invocation/{id}/response} or
 * {@code /error}, or reports {@code POST /runtime/init/error}. A SnapStart init ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start})
 * also asks {@code GET /runtime/restore/next} after its before-checkpoint hooks: answered at once, as if the snapshot
 * had been taken and restored in no time. The harness queues events and waits for their
 * results; every result carries when the event was handed out and when its answer arrived ({@link System#nanoTime}).
 */
final class RuntimeApiEmulator extends LocalServer {
    private static final String PREFIX = "/2018-06-01/runtime/";
    /** The template's function timeout. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    /** The answer to one invocation. */
    record Result(String requestId, boolean success, String body, long handedOutNanos, long answeredNanos) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - handedOutNanos);
        }

        double exactMillis() {
            return (answeredNanos - handedOutNanos) / 1e6;
        }
    }

    private record Invocation(String id, String event, CompletableFuture<Result> result, AtomicLong handedOut) {
    }

    private final LinkedBlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final AtomicLong firstPollNanos = new AtomicLong();
    private volatile boolean closed;

    RuntimeApiEmulator() {
        super("runtime-api");
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + port();
    }

    /** Queues an event; the future completes with the runtime's answer. */
    CompletableFuture<Result> submit(String event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>(),
                new AtomicLong());
        inFlight.put(invocation.id(), invocation);
        queue.add(invocation);
        return invocation.result();
    }

    /** When the runtime first asked for an event (its init was done), or 0. */
    long firstPollNanos() {
        return firstPollNanos.get();
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    @Override
    void handle(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!path.startsWith(PREFIX)) {
            send(exchange, 404, "application/json", "{\"errorMessage\":\"not a Runtime API path\"}");
            return;
        }
        String rest = path.substring(PREFIX.length());
        if (method.equals("GET") && rest.equals("invocation/next")) {
            next(exchange);
        } else if (method.equals("POST") && rest.startsWith("invocation/") && rest.endsWith("/response")) {
            answer(exchange, rest.substring("invocation/".length(), rest.length() - "/response".length()), true);
        } else if (method.equals("POST") && rest.startsWith("invocation/") && rest.endsWith("/error")) {
            answer(exchange, rest.substring("invocation/".length(), rest.length() - "/error".length()), false);
        } else if (method.equals("GET") && rest.equals("restore/next")) {
            send(exchange, 200, "application/json", "");
        } else if (method.equals("POST") && (rest.equals("init/error") || rest.equals("restore/error"))) {
            String body = body(exchange);
            send(exchange, 202, "application/json", "{\"status\":\"OK\"}");
            initError.complete(body);
        } else {
            send(exchange, 404, "application/json", "{\"errorMessage\":\"unknown Runtime API call\"}");
        }
    }

    private void next(HttpExchange exchange) throws Exception {
        firstPollNanos.compareAndSet(0, System.nanoTime());
        Invocation invocation = null;
        while (invocation == null && !closed) {
            invocation = queue.poll(200, TimeUnit.MILLISECONDS);
        }
        if (invocation == null) {
            send(exchange, 500, "application/json", "{\"errorMessage\":\"emulator closed\"}");
            return;
        }
        long deadline = System.currentTimeMillis() + FUNCTION_TIMEOUT.toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:123456789012:function:" + FunctionProcess.FUNCTION_NAME);
        headers.set("Lambda-Runtime-Trace-Id",
                "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0");
        invocation.handedOut().set(System.nanoTime());
        send(exchange, 200, "application/json", invocation.event());
    }

    private void answer(HttpExchange exchange, String id, boolean success) throws Exception {
        String body = body(exchange);
        long answered = System.nanoTime();
        send(exchange, 202, "application/json", "{\"status\":\"OK\"}");
        Invocation invocation = inFlight.remove(id);
        if (invocation != null) {
            invocation.result().complete(new Result(id, success, body, invocation.handedOut().get(), answered));
        }
    }

    @Override
    public void close() {
        closed = true;
        super.close();
    }
}
