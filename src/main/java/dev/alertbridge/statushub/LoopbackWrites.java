package dev.alertbridge.statushub;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Before a SnapStart snapshot: the write path of the REST clients (request filter, Jackson's writer of request
 * bodies, the POST itself, the answer read back) run once against a server on the loopback interface that answers
 * every request and keeps nothing, so the first real write after a restore finds it loaded and compiled. StatusHub
 * is never written to; the server and the clients are closed before the snapshot.
 */
public final class LoopbackWrites {
    private LoopbackWrites() {
    }

    /** Runs a create, an update and an integration-URL post against a loopback server; how long it took. */
    public static Duration rehearse(StatusHubCalls calls) throws IOException {
        long started = System.nanoTime();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            byte[] answer = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        StatusHubClients clients = new StatusHubClients(Duration.ofSeconds(2));
        URI base = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
        ManagementApiClient api = clients.managementApiClosingEachConnection(base.resolve("/api/v3"), "X-Priming",
                "none");
        IntegrationUrlClient hook = clients.integrationUrlClosingEachConnection(base.resolve("/hooks/priming"));
        try {
            Deadline deadline = Deadline.in(Duration.ofSeconds(5), Clock.systemUTC());
            Pacer pacer = Pacer.perSecond(100);
            IncidentWrite write = new IncidentWrite("priming", Instant.EPOCH.toString(), "investigating", "priming",
                    List.of(new IncidentWrite.ServiceStatusWrite(0, "down")), Boolean.TRUE);
            calls.write("POST (priming)", pacer, deadline, () -> api.create("priming", write));
            calls.write("POST (priming)", pacer, deadline, () -> api.addUpdate("priming", "1", write));
            calls.idempotentWrite("POST (priming)", pacer, deadline, () -> hook.post(new HookIncident("incident",
                    "priming", "priming", "priming", Instant.EPOCH.toString(), "investigating")));
        } finally {
            StatusHubClients.close(api);
            StatusHubClients.close(hook);
            server.stop(0);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
