package dev.alertbridge.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A small in-memory StatusHub behind WireMock: the Management API incident endpoints of README §4 and
 * integration URLs. What the bridge writes is what the next read shows, so scenarios run open → clear like
 * against the real thing; tests play the person with {@link #personUpdates}. Assertions use WireMock's journal.
 */
public final class StatusHubStandIn implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "statushub-stand-in";
    private static final Pattern INCIDENTS = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/?");
    private static final Pattern INCIDENT = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/([^/]+)");
    private static final Pattern UPDATES = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/([^/]+)/incident_updates");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> hookPosts = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private volatile String apiKey = "";
    private final java.util.ArrayDeque<Long> recentWrites = new java.util.ArrayDeque<>();
    private int writesPerSecond = Integer.MAX_VALUE;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void reset(String expectedApiKey) {
        incidents.clear();
        hookPosts.clear();
        apiKey = expectedApiKey;
        writesPerSecond = Integer.MAX_VALUE;
        recentWrites.clear();
    }

    /**
     * StatusHub's per-key limit as other execution environments sharing the key make it look: over this many writes
     * in the last second, a write gets 429 with Retry-After: 1.
     */
    public synchronized void limitWrites(int perSecond) {
        writesPerSecond = perSecond;
    }

    private boolean overWriteLimit() {
        long now = System.currentTimeMillis();
        while (!recentWrites.isEmpty() && recentWrites.peekFirst() <= now - 1000) {
            recentWrites.removeFirst();
        }
        if (recentWrites.size() >= writesPerSecond) {
            return true;
        }
        recentWrites.addLast(now);
        return false;
    }

    /** A person changes the incident in StatusHub's control panel: a new update with this type (and title). */
    public synchronized void personUpdates(String incidentId, String incidentType, String newTitle) {
        ObjectNode incident = incidents.get(incidentId);
        if (newTitle != null) {
            incident.put("title", newTitle);
        }
        ObjectNode update = json.createObjectNode().put("body", "Update from the on-call engineer.")
                .put("incident_type", incidentType);
        update.putArray("service_statuses");
        ((ArrayNode) incident.get("incident_updates")).insert(0, update);
    }

    /** Incidents as StatusHub shows them, oldest first. */
    public synchronized List<JsonNode> incidents() {
        return new ArrayList<>(incidents.values());
    }

    /** Bodies posted to integration URLs, by the incident id they carried. */
    public synchronized Map<String, List<JsonNode>> hookPosts() {
        return new LinkedHashMap<>(hookPosts);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition answer = handle(serveEvent);
        // Keep what the stub adds (a delay, a fault) around the stand-in's answer.
        var merged = com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
                .like(serveEvent.getResponseDefinition()).but()
                .withStatus(answer.getStatus()).withBody(answer.getBody())
                .withHeader("Content-Type", "application/json");
        return (answer.getStatus() == 429 ? merged.withHeader("Retry-After", "1") : merged).build();
    }

    private synchronized ResponseDefinition handle(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        String method = request.getMethod().getName();
        if (path.startsWith("/hooks/")) {
            return hook(request.getBodyAsString());
        }
        if (!apiKey.equals(request.getHeader("X-API-KEY"))) {
            return answer(401, "{\"error\":\"Unauthorized\"}");
        }
        if (method.equals("POST") && overWriteLimit()) {
            return answer(429, "{\"error\":\"Too many requests - please retry later\"}");
        }
        Matcher updates = UPDATES.matcher(path);
        Matcher one = INCIDENT.matcher(path);
        Matcher all = INCIDENTS.matcher(path);
        try {
            if (method.equals("POST") && updates.matches()) {
                return addUpdate(updates.group(2), json.readTree(request.getBodyAsString()));
            }
            if (method.equals("GET") && all.matches()) {
                return list();
            }
            if (method.equals("POST") && all.matches()) {
                return create(json.readTree(request.getBodyAsString()));
            }
            if (method.equals("GET") && one.matches()) {
                ObjectNode incident = incidents.get(one.group(2));
                return incident == null ? answer(404, "{\"error\":\"Not found\"}") : answer(200, incident.toString());
            }
        } catch (java.io.IOException e) {
            return answer(400, "{\"error\":\"invalid JSON\"}");
        }
        return answer(404, "{\"error\":\"Not found\"}");
    }

    private ResponseDefinition list() {
        ArrayNode data = json.createArrayNode();
        for (ObjectNode incident : incidents.values()) {
            JsonNode updates = incident.get("incident_updates");
            data.addObject().put("id", incident.get("id").asInt()).put("title", incident.get("title").asText())
                    .put("start_time", incident.get("start_time").asText()).putNull("end_time")
                    .put("last_incident_type", updates.get(0).get("incident_type").asText());
        }
        ObjectNode page = json.createObjectNode();
        page.set("data", data);
        return answer(200, page.toString());
    }

    private ResponseDefinition create(JsonNode body) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode incident = json.createObjectNode().put("id", Integer.parseInt(id))
                .put("title", body.path("title").asText()).put("start_time", body.path("start_time").asText());
        incident.putNull("end_time");
        incident.putArray("incident_updates").add(update(body));
        incidents.put(id, incident);
        return answer(201, incident.toString());
    }

    private ResponseDefinition addUpdate(String id, JsonNode body) {
        ObjectNode incident = incidents.get(id);
        if (incident == null) {
            return answer(404, "{\"error\":\"Not found\"}");
        }
        ((ArrayNode) incident.get("incident_updates")).insert(0, update(body));
        return answer(200, "{\"id\":" + ids.incrementAndGet() + "}");
    }

    private ObjectNode update(JsonNode body) {
        ObjectNode update = json.createObjectNode().put("body", body.path("body").asText())
                .put("incident_type", body.path("incident_type").asText());
        update.set("service_statuses", body.path("service_statuses").deepCopy());
        return update;
    }

    private ResponseDefinition hook(String text) {
        try {
            JsonNode body = json.readTree(text);
            hookPosts.computeIfAbsent(body.path("id").asText(), k -> new ArrayList<>()).add(body);
            return answer(200, "{}");
        } catch (java.io.IOException e) {
            return answer(400, "{\"error\":\"invalid JSON\"}");
        }
    }

    private static ResponseDefinition answer(int status, String body) {
        return new ResponseDefinition(status, body);
    }
}
