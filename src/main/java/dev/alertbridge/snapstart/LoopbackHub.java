package dev.alertbridge.snapstart;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Before a SnapStart snapshot: a hub of StatusHub's Management API on the loopback interface, for the dress
 * rehearsal only (never StatusHub). It keeps what is written as StatusHub would (incidents with their updates,
 * {@code updated_at}, the last update's type) so the rehearsed events take the paths a real first event takes: a
 * create, the re-read that finds it, an update of it; integration URLs answer every post. Nothing else: no paging,
 * no maintenances, no errors.
 */
final class LoopbackHub implements AutoCloseable {
    private static final String HOOKS = "/hooks/";
    private static final Pattern INCIDENT = Pattern.compile("/api/v3/hubs/[^/]+/incidents/(\\d+)(/incident_updates)?");
    private final ObjectMapper json;
    private final HttpServer server;
    private final Map<String, ObjectNode> incidents = new ConcurrentHashMap<>();

    private LoopbackHub(ObjectMapper json) throws IOException {
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    static LoopbackHub start(ObjectMapper json) throws IOException {
        return new LoopbackHub(json);
    }

    /** The Management API's base URL on this server. */
    URI apiUrl() {
        return base().resolve("/api/v3");
    }

    /** An integration URL on this server. */
    URI hookUrl() {
        return base().resolve(HOOKS + "rehearsal?token=dress-rehearsal");
    }

    private URI base() {
        InetAddress loopback = server.getAddress().getAddress();
        String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]"
                : loopback.getHostAddress();
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        Object answer;
        Matcher incident = INCIDENT.matcher(path);
        if (path.startsWith(HOOKS)) {
            answer = Map.of("accepted", true); // an integration URL answers and shows nothing
        } else if (exchange.getRequestMethod().equals("GET")) {
            answer = path.endsWith("/incidents") ? new ArrayList<>(incidents.values())
                    : path.endsWith("/maintenances") ? List.of()
                            : incident.matches() ? incidents.get(incident.group(1)) : null;
        } else if (path.endsWith("/incidents")) {
            answer = create((ObjectNode) json.readTree(body));
        } else {
            answer = incident.matches() && incident.group(2) != null
                    ? update(incident.group(1), (ObjectNode) json.readTree(body))
                    : null;
        }
        byte[] text = json.writeValueAsBytes(answer == null ? Map.of("error", "not found") : answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer == null ? 404 : 200, text.length);
        exchange.getResponseBody().write(text);
        exchange.close();
    }

    private synchronized ObjectNode create(ObjectNode write) {
        String id = Integer.toString(incidents.size() + 1);
        ObjectNode created = json.createObjectNode().put("id", id).put("title", write.path("title").asText(""))
                .put("start_time", write.path("start_time").asText());
        created.putArray("incident_updates");
        incidents.put(id, created);
        return update(id, write);
    }

    private synchronized ObjectNode update(String id, ObjectNode write) {
        ObjectNode incident = incidents.get(id);
        if (incident == null) {
            return null;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode updates = (ArrayNode) incident.get("incident_updates");
        // Newest first, as StatusHub lists them (two updates within one second cannot be told apart by created_at).
        updates.insertObject(0).put("incident_type", write.path("incident_type").asText())
                .put("body", write.path("body").asText()).put("created_at", now)
                .set("service_statuses", write.path("service_statuses").deepCopy());
        incident.put("last_incident_type", write.path("incident_type").asText()).put("updated_at", now);
        return incident.deepCopy();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
