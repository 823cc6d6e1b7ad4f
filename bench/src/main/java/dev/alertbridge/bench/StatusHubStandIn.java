package dev.alertbridge.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * An in-memory StatusHub: the four Management API v3 incident endpoints the bridge uses (list, read, create, add an
 * update; {@code X-API-KEY}), the maintenance list (always empty) and integration URLs ({@code /hooks/...}). What the bridge writes is what the next read
 * shows, like the test stand-in in {@code src/test}: an update keeps every service it names (a shared incident's
 * update names them all), its {@code title} becomes the incident's (the hub shows the title of the last published
 * update), and the page shows each service the status the newest landed update naming it set ({@link #pageStatus}).
 * Two things make long runs behave like a real hub:
 * <ul>
 * <li>the list honours StatusHub's time filter ({@code start_time}: still open, or ended since) and pages
 * ({@code per_page}, {@code page}; {@value #PAGE} by default), so with {@code personResolves} it does not grow with
 * the run; each entry carries {@code updated_at} (the time of the incident's newest update), as §4 of the design
 * assumes StatusHub's does;
 * <li>with {@code personResolves}, a person resolves each incident right after the bridge moved it to Monitoring
 * (the bridge never resolves), so old incidents do not stay open forever.
 * </ul>
 * Every answer can be delayed ({@link #latency}); calls can be journaled for the fan-out breakdown. With
 * {@link #limitsPerKey} it enforces StatusHub's per-key limits (30 GETs and 5 other requests a second; beyond,
 * {@code 429} with {@code Retry-After: 1}), as several execution environments sharing the key meet them.
 */
final class StatusHubStandIn extends LocalServer {
    static final int PAGE = 25;
    /** StatusHub's limits per API key: GETs, and every other request, a second. */
    static final int READS_PER_SECOND = 30;
    static final int WRITES_PER_SECOND = 5;
    private static final Pattern INCIDENTS = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/?");
    private static final Pattern INCIDENT = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/([^/]+)");
    private static final Pattern UPDATES = Pattern.compile("/api/v3/hubs/([^/]+)/incidents/([^/]+)/incident_updates");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind {
        LIST, GET, CREATE, UPDATE, HOOK, MAINTENANCES, OTHER
    }

    /**
     * One call as the stand-in saw it ({@link System#nanoTime}); {@code listingStart}: a list request for the first
     * page (no {@code page}, or 1), i.e. the start of one read of the whole hub. For a write: {@code body} as sent,
     * {@code incidentId} (a create's: the new incident's), and {@code landedNanos}, when it changed the hub (writes
     * land in that order); otherwise null and 0.
     */
    record Call(Kind kind, long arrivedNanos, long answeredNanos, int status, boolean listingStart, JsonNode body,
            String incidentId, long landedNanos) {
        boolean isGet() {
            return kind == Kind.LIST || kind == Kind.GET || kind == Kind.MAINTENANCES;
        }

        boolean isWrite() {
            return kind == Kind.CREATE || kind == Kind.UPDATE;
        }

        /** A write StatusHub applied (not one refused with 429). */
        boolean landed() {
            return isWrite() && status / 100 == 2;
        }

        /** Sent without {@code "silent": true}: the hub's subscribers hear of it. */
        boolean notifies() {
            return body == null || !body.path("silent").asBoolean(false);
        }
    }

    private final String apiKey;
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final List<Call> journal = new ArrayList<>();
    private final Map<Long, String> shown = new LinkedHashMap<>();
    private final java.util.ArrayDeque<Long> recentReads = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Long> recentWrites = new java.util.ArrayDeque<>();
    private volatile boolean limited;
    private volatile long latencyMillis;
    private volatile boolean personResolves;
    private volatile int listedResolved = -1;
    private volatile boolean journaling;
    private long lastUpdate;

    StatusHubStandIn(String apiKey) {
        super("statushub");
        this.apiKey = apiKey;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    String apiUrl() {
        return baseUrl() + "/api/v3";
    }

    String hookUrl(String token) {
        return baseUrl() + "/hooks/generic?token=" + token;
    }

    /** Every answer is sent this long after the request arrived. */
    @Override
    boolean answersAtOnce() {
        return latencyMillis == 0;
    }

    void latency(long millis) {
        latencyMillis = millis;
    }

    /**
     * StatusHub's limits per API key (protocols §1.3): over {@value #READS_PER_SECOND} GETs or
     * {@value #WRITES_PER_SECOND} other requests in the last second, a request gets {@code 429} with
     * {@code Retry-After: 1}. Counted on arrival; a refused request does not count. Until {@link #reset}.
     */
    void limitsPerKey(boolean on) {
        limited = on;
    }

    void personResolves(boolean on) {
        personResolves = on;
    }

    /**
     * The list shows only the newest {@code count} resolved incidents (negative: all of them): a hub with a few
     * incidents a week, not one a minute as the bench's episodes come. Open ones and those in Monitoring are always
     * listed. Until {@link #reset}.
     */
    void listsResolved(int count) {
        listedResolved = count;
    }

    /** Forgets every incident, count and journal entry. */
    synchronized void reset() {
        incidents.clear();
        order.clear();
        shown.clear();
        recentReads.clear();
        recentWrites.clear();
        limited = false;
        listedResolved = -1;
        journal.clear();
        counts.values().forEach(c -> c.set(0));
    }

    /** A person resolves every incident still open. */
    synchronized void resolveAll() {
        for (ObjectNode incident : incidents.values()) {
            ArrayNode updates = (ArrayNode) incident.get("incident_updates");
            if (!"resolved".equals(updates.get(0).path("incident_type").asText())) {
                updates.insert(0, personUpdate("resolved"));
                touch(incident);
            }
        }
    }

    /**
     * {@code count} incidents left in Monitoring for months (teams forget to resolve), each on the service: what a
     * big hub's list holds besides the open ones.
     */
    synchronized void leftInMonitoring(int count, long serviceId) {
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(ids.incrementAndGet());
            ObjectNode incident = JSON.createObjectNode().put("id", Integer.parseInt(id))
                    .put("title", "Old incident " + i).put("start_time", "2026-0" + (1 + i % 9) + "-01T10:00:00Z");
            incident.putNull("end_time");
            ObjectNode update = JSON.createObjectNode().put("body", "We are monitoring.")
                    .put("incident_type", "monitoring");
            update.putArray("service_statuses").addObject().put("service_id", serviceId).put("status", "up");
            incident.putArray("incident_updates").add(update);
            incident.put("updated_at", incident.get("start_time").asText());
            incidents.put(id, incident);
            order.add(id);
        }
    }

    synchronized void journal(boolean on) {
        journaling = on;
        journal.clear();
    }

    synchronized List<Call> journal() {
        return new ArrayList<>(journal);
    }

    long count(Kind kind) {
        return counts.get(kind).get();
    }

    synchronized int incidentCount() {
        return incidents.size();
    }

    /** The type of the incident's newest update ({@code investigating}, {@code monitoring}…), null if none. */
    synchronized String latestType(String id) {
        ObjectNode incident = incidents.get(id);
        return incident == null ? null : incident.get("incident_updates").get(0).path("incident_type").asText();
    }

    /** What the page shows for the service: the status its newest landed update set ({@code up} if none). */
    synchronized String pageStatus(long serviceId) {
        return shown.getOrDefault(serviceId, "up");
    }

    /** The incident as a full read shows it (a copy), null if none. */
    synchronized JsonNode incident(String id) {
        ObjectNode incident = incidents.get(id);
        return incident == null ? null : incident.deepCopy();
    }

    /** The ids of every incident, oldest first. */
    synchronized List<String> incidentIds() {
        return new ArrayList<>(order);
    }

    @Override
    void handle(HttpExchange exchange) throws Exception {
        long arrived = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = body(exchange);
        boolean refused = limited && !path.startsWith("/hooks/") && overLimit(method.equals("GET"));
        long latency = latencyMillis;
        if (latency > 0) {
            Thread.sleep(latency);
        }
        Kind[] kind = {Kind.OTHER};
        Answer answer = refused ? tooMany(method, path, kind)
                : answer(method, path, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("X-API-KEY"), body, kind);
        if (answer.status() == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        send(exchange, answer.status(), "application/json", answer.body());
        long answered = System.nanoTime();
        counts.get(kind[0]).incrementAndGet();
        if (journaling) {
            String query = exchange.getRequestURI().getRawQuery();
            boolean listingStart = kind[0] == Kind.LIST && param(query == null ? "" : query, "page", "1").equals("1");
            boolean write = kind[0] == Kind.CREATE || kind[0] == Kind.UPDATE;
            synchronized (this) {
                journal.add(new Call(kind[0], arrived, answered, answer.status(), listingStart,
                        write ? JSON.readTree(body) : null, answer.incidentId(), answer.landedNanos()));
            }
        }
    }

    /**
     * What the bridge changed ({@code incidentId}, {@code landedNanos}: when, inside the hub's lock) besides the
     * answer, for the journal.
     */
    private record Answer(int status, String body, String incidentId, long landedNanos) {
        Answer(int status, String body) {
            this(status, body, null, 0);
        }
    }

    /** Over the key's limit for its kind of request, counting this one when it is not. */
    private synchronized boolean overLimit(boolean get) {
        java.util.ArrayDeque<Long> recent = get ? recentReads : recentWrites;
        long now = System.nanoTime();
        while (!recent.isEmpty() && recent.peekFirst() <= now - 1_000_000_000L) {
            recent.removeFirst();
        }
        if (recent.size() >= (get ? READS_PER_SECOND : WRITES_PER_SECOND)) {
            return true;
        }
        recent.addLast(now);
        return false;
    }

    private static Answer tooMany(String method, String path, Kind[] kind) {
        boolean incidents = INCIDENTS.matcher(path).matches();
        kind[0] = method.equals("POST") ? (UPDATES.matcher(path).matches() ? Kind.UPDATE
                : incidents ? Kind.CREATE : Kind.OTHER)
                : path.matches("/api/v3/hubs/[^/]+/maintenances/?") ? Kind.MAINTENANCES
                : incidents ? Kind.LIST : INCIDENT.matcher(path).matches() ? Kind.GET : Kind.OTHER;
        return new Answer(429, "{\"error\":\"Too many requests - please retry later\"}");
    }

    private synchronized Answer answer(String method, String path, String query, String key, String body,
            Kind[] kind)
            throws Exception {
        if (path.startsWith("/hooks/")) {
            kind[0] = Kind.HOOK;
            JSON.readTree(body); // must be JSON
            return new Answer(200, "{}");
        }
        if (!apiKey.equals(key)) {
            return new Answer(401, "{\"error\":\"Unauthorized\"}");
        }
        Matcher updates = UPDATES.matcher(path);
        Matcher one = INCIDENT.matcher(path);
        Matcher all = INCIDENTS.matcher(path);
        if (method.equals("POST") && updates.matches()) {
            kind[0] = Kind.UPDATE;
            return addUpdate(updates.group(2), JSON.readTree(body));
        }
        if (method.equals("GET") && path.matches("/api/v3/hubs/[^/]+/maintenances/?")) {
            kind[0] = Kind.MAINTENANCES;
            return new Answer(200, "{\"data\":[]}"); // none in progress: what a hub shows most of the time
        }
        if (method.equals("GET") && all.matches()) {
            kind[0] = Kind.LIST;
            return list(query == null ? "" : query);
        }
        if (method.equals("POST") && all.matches()) {
            kind[0] = Kind.CREATE;
            return create(JSON.readTree(body));
        }
        if (method.equals("GET") && one.matches()) {
            kind[0] = Kind.GET;
            ObjectNode incident = incidents.get(one.group(2));
            return incident == null ? new Answer(404, "{\"error\":\"Not found\"}")
                    : new Answer(200, incident.toString());
        }
        return new Answer(404, "{\"error\":\"Not found\"}");
    }

    private Answer list(String query) {
        String since = param(query, "start_time", "");
        int perPage = Integer.parseInt(param(query, "per_page", String.valueOf(PAGE)));
        int page = Integer.parseInt(param(query, "page", "1"));
        List<ObjectNode> matching = new ArrayList<>();
        int resolvedLeft = listedResolved < 0 ? Integer.MAX_VALUE : listedResolved;
        for (int i = order.size() - 1; i >= 0; i--) { // newest first, to keep the newest resolved ones
            ObjectNode incident = incidents.get(order.get(i));
            boolean resolved = "resolved".equals(incident.get("incident_updates").get(0).path("incident_type")
                    .asText());
            // A resolved incident ended after it started: it overlaps the range when it started in it.
            if (!resolved || (incident.get("start_time").asText().compareTo(since) >= 0 && resolvedLeft-- > 0)) {
                matching.add(0, incident);
            }
        }
        ArrayNode data = JSON.createArrayNode();
        for (ObjectNode incident : matching.subList(Math.min(matching.size(), (page - 1) * perPage),
                Math.min(matching.size(), page * perPage))) {
            JsonNode latest = incident.get("incident_updates").get(0);
            data.addObject().put("id", incident.get("id").asInt()).put("title", incident.get("title").asText())
                    .put("start_time", incident.get("start_time").asText()).putNull("end_time")
                    .put("last_incident_type", latest.get("incident_type").asText())
                    .put("updated_at", incident.get("updated_at").asText());
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        return new Answer(200, body.toString());
    }

    private static String param(String query, String name, String fallback) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    private Answer create(JsonNode body) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode incident = JSON.createObjectNode().put("id", Integer.parseInt(id))
                .put("title", body.path("title").asText()).put("start_time", body.path("start_time").asText());
        incident.putNull("end_time");
        incident.putArray("incident_updates").add(update(body));
        touch(incident);
        incidents.put(id, incident);
        order.add(id);
        show(body);
        return new Answer(201, incident.toString(), id, System.nanoTime());
    }

    private Answer addUpdate(String id, JsonNode body) {
        ObjectNode incident = incidents.get(id);
        if (incident == null) {
            return new Answer(404, "{\"error\":\"Not found\"}");
        }
        ArrayNode updates = (ArrayNode) incident.get("incident_updates");
        updates.insert(0, update(body));
        if (body.hasNonNull("title")) {
            incident.put("title", body.get("title").asText()); // the hub shows the last published update's title
        }
        show(body);
        if (personResolves && "monitoring".equals(body.path("incident_type").asText())) {
            updates.insert(0, personUpdate("resolved"));
        }
        touch(incident);
        return new Answer(200, "{\"id\":" + ids.incrementAndGet() + "}", id, System.nanoTime());
    }

    /** The page shows each service the status its newest landed update set. */
    private void show(JsonNode body) {
        body.path("service_statuses").forEach(s -> shown.put(s.path("service_id").asLong(),
                s.path("status").asText()));
    }

    /** {@code updated_at}: the time of the newest update, as the list shows it (strictly increasing here). */
    private void touch(ObjectNode incident) {
        lastUpdate = Math.max(System.currentTimeMillis(), lastUpdate + 1);
        incident.put("updated_at", java.time.Instant.ofEpochMilli(lastUpdate).toString());
    }

    private static ObjectNode update(JsonNode body) {
        ObjectNode update = JSON.createObjectNode().put("body", body.path("body").asText())
                .put("incident_type", body.path("incident_type").asText());
        update.set("service_statuses", body.path("service_statuses").deepCopy());
        return update;
    }

    private static ObjectNode personUpdate(String type) {
        ObjectNode update = JSON.createObjectNode().put("body", "Closed by the on-call engineer.")
                .put("incident_type", type);
        update.putArray("service_statuses");
        return update;
    }
}
