package dev.alertbridge.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
 * A small in-memory StatusHub behind WireMock: the Management API incident endpoints of the design (docs/how-it-works.md) and
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
    private final ArrayDeque<Long> recentWrites = new ArrayDeque<>();
    private int writesPerSecond = Integer.MAX_VALUE;
    /** StatusHub's own page size when the caller asks for more (or none): 25, as its v1 default. */
    private int maxPerPage = 25;
    private boolean linkHeaders = true;
    private final List<Long> writeArrivals = new ArrayList<>();
    private final AtomicInteger delayedWrites = new AtomicInteger();
    private volatile long writeDelayMillis;
    private boolean ignoreTimeFilter;
    private final AtomicInteger appliedButFailed = new AtomicInteger();
    private volatile int appliedButStatus;
    /** What the page shows each service: the status the newest landed update naming it set. */
    private final Map<Long, String> shown = new LinkedHashMap<>();
    private volatile boolean sendUpdatedAt;
    private final List<ObjectNode> maintenances = new ArrayList<>();
    private boolean maintenanceList = true;
    private boolean maintenanceListFails;
    private Runnable beforeNextUpdate;
    private volatile Gate gate;
    private volatile Gate listGate;
    /** Keeps updated_at moving forward even within one millisecond. */
    private long lastUpdate;
    /** The hub's service ids, when a test says which (null: every id is one of the hub's). */
    private Set<Long> knownServices;
    /** The body of the 422 a write naming another id gets; {@code {id}} stands for the id. */
    private String unknownServiceRefusal;
    /** A refusal every integration-URL post gets (null: hooks take every post). */
    private ResponseDefinition hookRefusal;

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
        maxPerPage = 25;
        linkHeaders = true;
        writeArrivals.clear();
        delayedWrites.set(0);
        ignoreTimeFilter = false;
        appliedButFailed.set(0);
        shown.clear();
        sendUpdatedAt = false;
        gate = null;
        listGate = null;
        maintenances.clear();
        maintenanceList = true;
        maintenanceListFails = false;
        beforeNextUpdate = null;
        knownServices = null;
        unknownServiceRefusal = null;
        hookRefusal = null;
    }

    /**
     * The hub has only these services: a create or update naming another service id is refused for good, as
     * StatusHub refuses invalid data, with {@code 422} and {@code refusal} as its body ({@code {id}}: the id).
     */
    public synchronized void knowsOnlyServices(String refusal, long... serviceIds) {
        knownServices = new HashSet<>();
        for (long id : serviceIds) {
            knownServices.add(id);
        }
        unknownServiceRefusal = refusal;
    }

    /** Every integration-URL post is refused with this status and body. */
    public synchronized void hooksRefuse(int status, String body) {
        hookRefusal = answer(status, body);
    }

    /** The status the public page shows the service now ("up" when no update ever named it). */
    public synchronized String pageStatus(long serviceId) {
        return shown.getOrDefault(serviceId, "up");
    }

    /** The list carries each incident's {@code updated_at} (the time of its newest update), as some hubs send. */
    public void sendUpdatedAt() {
        sendUpdatedAt = true;
    }

    /**
     * The next {@code count} Management API writes are held until all {@code count} have arrived (every sender has
     * decided), then land one after another, those whose body {@code landsLast} matches after the others (else in
     * arrival order): the bad landing order made to happen rather than hoped for. A write that waits longer than
     * {@code timeoutMillis} for the others lands anyway.
     */
    public void gateWrites(int count, Predicate<String> landsLast, long timeoutMillis) {
        gate = new Gate(count, landsLast, timeoutMillis);
    }

    /**
     * The next {@code count} reads of the incident list are held until all {@code count} have arrived, then answered
     * one after another: every reader sees the hub as it was before any of them wrote, the race made to happen rather
     * than hoped for. A read that waits longer than {@code timeoutMillis} for the others is answered anyway.
     */
    public void gateListReads(int count, long timeoutMillis) {
        listGate = new Gate(count, body -> false, timeoutMillis);
    }

    /** See {@link #gateWrites} and {@link #gateListReads}. */
    private static final class Gate {
        private final int count;
        private final Predicate<String> landsLast;
        private final long timeoutMillis;
        private final List<Boolean> late = new ArrayList<>();
        private final List<Integer> order = new ArrayList<>();
        private int landed;

        Gate(int count, Predicate<String> landsLast, long timeoutMillis) {
            this.count = count;
            this.landsLast = landsLast;
            this.timeoutMillis = timeoutMillis;
        }

        /** The arrival's ticket, or -1 once the gate has let its writes through. */
        synchronized int arrive(String body) {
            if (late.size() >= count) {
                return -1;
            }
            late.add(landsLast.test(body));
            if (late.size() == count) {
                for (boolean last : List.of(false, true)) {
                    for (int i = 0; i < count; i++) {
                        if (late.get(i) == last) {
                            order.add(i);
                        }
                    }
                }
            }
            notifyAll();
            return late.size() - 1;
        }

        synchronized void awaitTurn(int ticket) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMillis;
            while ((order.size() < count || order.get(landed) != ticket) && System.currentTimeMillis() < end) {
                wait(Math.max(1, end - System.currentTimeMillis()));
            }
        }

        synchronized void landedOne() {
            landed = Math.min(landed + 1, count - 1);
            notifyAll();
        }
    }

    /**
     * The next {@code count} writes are applied, and then answered with {@code status}: a proxy in front of
     * StatusHub that forwarded the request and lost the answer.
     */
    public void applyThenAnswer(int status, int count) {
        appliedButStatus = status;
        appliedButFailed.set(count);
    }

    /**
     * The first {@code count} writes reach StatusHub {@code millis} late (a cold connection, a slow proxy): they are
     * counted, applied and answered only then.
     */
    public void delayFirstWrites(int count, long millis) {
        writeDelayMillis = millis;
        delayedWrites.set(count);
    }

    /** A server that lists every incident whatever {@code start_time}/{@code end_time} say. */
    public synchronized void ignoreTimeFilter() {
        ignoreTimeFilter = true;
    }

    /** An incident made outside this test's events (a person, an earlier version of the bridge). Returns its id. */
    public synchronized String seed(String title, String startTime, String type, String body, long serviceId,
            String status) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode incident = json.createObjectNode().put("id", Integer.parseInt(id)).put("title", title)
                .put("start_time", startTime);
        incident.putNull("end_time");
        ObjectNode update = incident.putArray("incident_updates").addObject().put("body", body)
                .put("incident_type", type);
        update.putArray("service_statuses").addObject().put("service_id", serviceId).put("status", status);
        stamp(incident);
        incidents.put(id, incident);
        show(update);
        return id;
    }

    /**
     * Pages as a server that caps pages at {@code maxPerPage} whatever the caller asks, with or without
     * {@code Link: rel="next"} headers.
     */
    public synchronized void pageAt(int maxPerPage, boolean linkHeaders) {
        this.maxPerPage = maxPerPage;
        this.linkHeaders = linkHeaders;
    }

    /** When each write reached the stand-in (System.currentTimeMillis), in order. */
    public synchronized List<Long> writeArrivals() {
        return new ArrayList<>(writeArrivals);
    }

    /**
     * A hub with history: {@code count} incidents a person opened and resolved over the years, before anything the
     * bridge writes, each on {@code serviceId}.
     */
    public synchronized void history(int count, long serviceId) {
        Instant start = Instant.parse("2021-01-04T09:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(ids.incrementAndGet());
            Instant opened = start.plus(Duration.ofDays(3L * i));
            ObjectNode incident = json.createObjectNode().put("id", Integer.parseInt(id))
                    .put("title", "Planned work " + i).put("start_time", opened.toString())
                    .put("end_time", opened.plus(Duration.ofHours(2)).toString().replace("Z", "+00:00"));
            ArrayNode updates = incident.putArray("incident_updates");
            ObjectNode resolved = updates.addObject().put("body", "All done.").put("incident_type", "resolved");
            resolved.putArray("service_statuses").addObject().put("service_id", serviceId).put("status", "up");
            ObjectNode opening = updates.addObject().put("body", "Working on it.").put("incident_type", "identified");
            opening.putArray("service_statuses").addObject().put("service_id", serviceId).put("status", "down");
            incidents.put(id, incident);
        }
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

    /** A person posts an update setting the service's status: e.g. reopens an incident they resolved too early. */
    public synchronized void personSets(String incidentId, String incidentType, long serviceId, String status) {
        ObjectNode incident = incidents.get(incidentId);
        ObjectNode update = json.createObjectNode().put("body", "Update from the on-call engineer.")
                .put("incident_type", incidentType);
        update.putArray("service_statuses").addObject().put("service_id", serviceId).put("status", status);
        ((ArrayNode) incident.get("incident_updates")).insert(0, update);
        stamp(incident);
        show(update);
        if ("resolved".equals(incidentType)) {
            endIfResolved(incident, incidentType);
        } else {
            incident.putNull("end_time");
        }
    }

    /**
     * A person acts in the moment the next update of an incident arrives, before it is applied: the bad order of a
     * race between the bridge's read and its write.
     */
    public synchronized void beforeNextUpdate(Runnable person) {
        beforeNextUpdate = person;
    }

    /** A person corrects the incident's start time in StatusHub's control panel. */
    public synchronized void personMovesStart(String incidentId, Instant start) {
        incidents.get(incidentId).put("start_time", start.toString());
        stamp(incidents.get(incidentId));
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
        stamp(incident);
        endIfResolved(incident, incidentType);
    }

    /** A resolved incident's period ends: it no longer overlaps "now" in the list's time filter. */
    private static void endIfResolved(ObjectNode incident, String incidentType) {
        if ("resolved".equals(incidentType)) {
            incident.put("end_time", Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    .toString());
        }
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
        if (serveEvent.getRequest().getMethod().getName().equals("POST") && delayedWrites.getAndDecrement() > 0) {
            try {
                Thread.sleep(writeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean listRead = serveEvent.getRequest().getMethod().getName().equals("GET")
                && INCIDENTS.matcher(serveEvent.getRequest().getUrl().replaceFirst("\\?.*$", "")).matches();
        Gate held = listRead ? listGate : gate;
        int turn = held != null && (listRead || serveEvent.getRequest().getMethod().getName().equals("POST")
                && !serveEvent.getRequest().getUrl().startsWith("/hooks/"))
                        ? held.arrive(serveEvent.getRequest().getBodyAsString())
                        : -1;
        ResponseDefinition answer;
        if (turn >= 0) {
            try {
                held.awaitTurn(turn);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                answer = handle(serveEvent);
            } finally {
                held.landedOne();
            }
        } else {
            answer = handle(serveEvent);
        }
        if (serveEvent.getRequest().getMethod().getName().equals("POST") && answer.getStatus() < 300
                && appliedButFailed.getAndDecrement() > 0) {
            answer = answer(appliedButStatus, "{\"error\":\"Service Unavailable\"}");
        }
        // Keep what the stub adds (a delay, a fault) around the stand-in's answer.
        var merged = com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
                .like(serveEvent.getResponseDefinition()).but()
                .withStatus(answer.getStatus()).withBody(answer.getBody())
                .withHeader("Content-Type", "application/json");
        if (answer.getHeaders() != null && answer.getHeaders().getHeader("Link").isPresent()) {
            merged = merged.withHeader("Link", answer.getHeaders().getHeader("Link").values().toArray(String[]::new));
        }
        return (answer.getStatus() == 429 ? merged.withHeader("Retry-After", "1") : merged).build();
    }

    private synchronized ResponseDefinition handle(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        String method = request.getMethod().getName();
        if (method.equals("POST") && beforeNextUpdate != null && UPDATES.matcher(path).matches()) {
            Runnable person = beforeNextUpdate;
            beforeNextUpdate = null;
            person.run();
        }
        if (path.startsWith("/hooks/")) {
            return hookRefusal != null ? hookRefusal : hook(request.getBodyAsString());
        }
        if (!apiKey.equals(request.getHeader("X-API-KEY"))) {
            return answer(401, "{\"error\":\"Unauthorized\"}");
        }
        if (method.equals("POST")) {
            writeArrivals.add(System.currentTimeMillis());
        }
        if (method.equals("POST") && overWriteLimit()) {
            return answer(429, "{\"error\":\"Too many requests - please retry later\"}");
        }
        if (method.equals("GET") && path.equals("/api/v3/hubs/acme/maintenances")) {
            return maintenances(request);
        }
        Matcher updates = UPDATES.matcher(path);
        Matcher one = INCIDENT.matcher(path);
        Matcher all = INCIDENTS.matcher(path);
        try {
            if (method.equals("POST") && knownServices != null) {
                for (JsonNode status : json.readTree(request.getBodyAsString()).path("service_statuses")) {
                    long id = status.path("service_id").asLong();
                    if (!knownServices.contains(id)) {
                        return answer(422, unknownServiceRefusal.replace("{id}", String.valueOf(id)));
                    }
                }
            }
            if (method.equals("POST") && updates.matches()) {
                return addUpdate(updates.group(2), json.readTree(request.getBodyAsString()));
            }
            if (method.equals("GET") && all.matches()) {
                return list(request);
            }
            if (method.equals("POST") && all.matches()) {
                return create(json.readTree(request.getBodyAsString()));
            }
            if (method.equals("GET") && one.matches()) {
                ObjectNode incident = incidents.get(one.group(2));
                return incident == null ? answer(404, "{\"error\":\"Not found\"}") : answer(200, incident.toString());
            }
        } catch (IOException e) {
            return answer(400, "{\"error\":\"invalid JSON\"}");
        }
        return answer(404, "{\"error\":\"Not found\"}");
    }

    /**
     * A maintenance scheduled from {@code start} to {@code end}, its services written the way the hub writes them:
     * {@code services} ({@code [{"id": 101}]}), {@code service_ids} ({@code [101]}) or {@code service_statuses}
     * ({@code [{"service_id": 101, ...}]}).
     */
    public synchronized void maintenance(String title, Instant start, Instant end, String shape,
            long... serviceIds) {
        ObjectNode maintenance = json.createObjectNode().put("id", ids.incrementAndGet()).put("title", title)
                .put("start_time", start.toString()).put("end_time", end.toString());
        var services = maintenance.putArray(shape);
        for (long id : serviceIds) {
            switch (shape) {
                case "services" -> services.addObject().put("id", id).put("name", "Service " + id);
                case "service_ids" -> services.add(id);
                default -> services.addObject().put("service_id", id).put("status", "under-maintenance");
            }
        }
        maintenances.add(maintenance);
    }

    /** The maintenance list is not there (a hub or plan without it): 404. */
    public synchronized void noMaintenanceList() {
        maintenanceList = false;
    }

    /** The maintenance list fails with a 500 every time. */
    public synchronized void maintenanceListFails() {
        maintenanceListFails = true;
    }

    /** Maintenances overlapping {@code start_time}…{@code end_time}, in one page. */
    private ResponseDefinition maintenances(com.github.tomakehurst.wiremock.http.Request request) {
        if (!maintenanceList) {
            return answer(404, "{\"error\":\"Not found\"}");
        }
        if (maintenanceListFails) {
            return answer(500, "{\"error\":\"Internal Server Error\"}");
        }
        Instant from = param(request, "start_time").map(StatusHubStandIn::time).orElse(Instant.MIN);
        Instant to = param(request, "end_time").map(StatusHubStandIn::time).orElse(Instant.MAX);
        var data = json.createArrayNode();
        for (ObjectNode maintenance : maintenances) {
            if (!time(maintenance.get("start_time").asText()).isAfter(to)
                    && !time(maintenance.get("end_time").asText()).isBefore(from)) {
                data.add(maintenance);
            }
        }
        return answer(200, json.createObjectNode().set("data", data).toString());
    }

    /**
     * The list as StatusHub documents it: incidents whose period overlaps {@code start_time}…{@code end_time} (a
     * missing bound is the far past or future; an open incident runs to the far future), paged with
     * {@code per_page} (capped) and {@code page}, oldest first, with a {@code Link: rel="next"} while more follow.
     */
    private ResponseDefinition list(com.github.tomakehurst.wiremock.http.Request request) {
        Instant from = param(request, "start_time").map(StatusHubStandIn::time).orElse(Instant.MIN);
        Instant to = param(request, "end_time").map(StatusHubStandIn::time).orElse(Instant.MAX);
        int perPage = Math.min(maxPerPage, param(request, "per_page").map(Integer::parseInt).orElse(maxPerPage));
        int page = param(request, "page").map(Integer::parseInt).orElse(1);
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode incident : incidents.values()) {
            Instant start = time(incident.get("start_time").asText());
            JsonNode end = incident.get("end_time");
            Instant ends = end == null || end.isNull() ? Instant.MAX : time(end.asText());
            if (ignoreTimeFilter || (!start.isAfter(to) && !ends.isBefore(from))) {
                matching.add(incident);
            }
        }
        ArrayNode data = json.createArrayNode();
        for (ObjectNode incident : matching.subList(Math.min(matching.size(), (page - 1) * perPage),
                Math.min(matching.size(), page * perPage))) {
            JsonNode updates = incident.get("incident_updates");
            data.addObject().put("id", incident.get("id").asInt()).put("title", incident.get("title").asText())
                    .put("start_time", incident.get("start_time").asText()).set("end_time", incident.get("end_time"));
            ((ObjectNode) data.get(data.size() - 1)).put("last_incident_type",
                    updates.get(0).get("incident_type").asText());
            if (sendUpdatedAt && incident.has("updated_at")) {
                ((ObjectNode) data.get(data.size() - 1)).put("updated_at", incident.get("updated_at").asText());
            }
        }
        ObjectNode body = json.createObjectNode();
        body.set("data", data);
        ResponseDefinition answer = answer(200, body.toString());
        if (linkHeaders && page * perPage < matching.size()) {
            // As many servers do, "next" and "last" as two Link header lines (RFC 8288 allows either form).
            String base = request.getAbsoluteUrl().replaceAll("[?&]page=\\d+", "");
            int last = (matching.size() + perPage - 1) / perPage;
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(answer).but()
                    .withHeader("Link", "<" + base + "&page=" + (page + 1) + ">; rel=\"next\"",
                            "<" + base + "&page=" + last + ">; rel=\"last\"")
                    .build();
        }
        return answer;
    }

    private static Optional<String> param(com.github.tomakehurst.wiremock.http.Request request,
            String name) {
        var values = request.queryParameter(name);
        return values.isPresent() ? Optional.of(values.firstValue()) : Optional.empty();
    }

    /** StatusHub's times in any of the styles it uses: Z, +00:00, +0000. */
    private static Instant time(String text) {
        return OffsetDateTime.parse(text.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
    }

    private ResponseDefinition create(JsonNode body) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode incident = json.createObjectNode().put("id", Integer.parseInt(id))
                .put("title", body.path("title").asText()).put("start_time", body.path("start_time").asText());
        incident.putNull("end_time");
        ObjectNode update = update(body);
        incident.putArray("incident_updates").add(update);
        stamp(incident);
        incidents.put(id, incident);
        show(update);
        return answer(201, incident.toString());
    }

    private ResponseDefinition addUpdate(String id, JsonNode body) {
        ObjectNode incident = incidents.get(id);
        if (incident == null) {
            return answer(404, "{\"error\":\"Not found\"}");
        }
        ObjectNode update = update(body);
        ((ArrayNode) incident.get("incident_updates")).insert(0, update);
        if (body.hasNonNull("title")) {
            incident.put("title", body.get("title").asText()); // a shared incident re-titled by a join
        }
        stamp(incident);
        show(update);
        endIfResolved(incident, body.path("incident_type").asText());
        return answer(200, "{\"id\":" + ids.incrementAndGet() + "}");
    }

    /** The page shows each service the status its newest landed update set. */
    private void show(JsonNode update) {
        update.path("service_statuses").forEach(s -> shown.put(s.path("service_id").asLong(),
                s.path("status").asText()));
    }

    /** When the incident last changed, kept as its {@code updated_at}. */
    private void stamp(ObjectNode incident) {
        lastUpdate = Math.max(System.currentTimeMillis(), lastUpdate + 1);
        incident.put("updated_at", Instant.ofEpochMilli(lastUpdate).toString());
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
        } catch (IOException e) {
            return answer(400, "{\"error\":\"invalid JSON\"}");
        }
    }

    private static ResponseDefinition answer(int status, String body) {
        return new ResponseDefinition(status, body);
    }
}
