package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.transition.IncidentType;

/**
 * Reads a hub's incidents through the Management API, whole and tolerantly. A hub keeps years of incidents, so
 * the list is narrowed with StatusHub's {@code start_time} filter (incidents whose period overlaps "since then
 * until the far future": everything still open, and what ended since) and every page is read, 100 a page, following
 * {@code Link: rel="next"} or asking for the next page while pages come back full. No order is assumed, ids are
 * de-duplicated across pages, and the filter is applied again here in case a server ignores it. A list that cannot
 * be read whole fails: deciding on part of it could open a second incident.
 *
 * <p>
 * One class, longer than most: the list, its pages and the tolerant reading of StatusHub's answers change
 * together whenever more of StatusHub's v3 schema becomes known.
 *
 * <p>
 * Incidents read in full are remembered per execution environment while their summary in the list (title,
 * times, newest type) stays the same, and forgotten when this bridge writes to them: during an alert storm each
 * event then reads only what changed, not every open incident of the hub again.
 */
final class HubIncidents {
    private static final Logger LOG = Logger.getLogger(HubIncidents.class);
    static final int PER_PAGE = 100;
    /** StatusHub's documented default page size: a server that caps pages there may still have more. */
    private static final int DEFAULT_PAGE = 25;
    /** 50,000 listed incidents overlapping the range: past that something is wrong, not a busy hub. */
    private static final int MAX_PAGES = 500;
    private static final Pattern NEXT_PAGE = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final Pattern PAGE_PARAM = Pattern.compile("[?&]page=(\\d+)");
    /** Open incidents of a very busy hub; least recently used forgotten first. */
    private static final int REMEMBERED = 5_000;
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private final StatusHubAccount account;
    private final StatusHubApi api;
    private final StatusHubCalls calls;
    private final ObjectMapper json;
    private final Pacer reads;
    /** Full reads by incident id, with the summary they were read under. */
    private final Map<String, Remembered> remembered = BoundedMap.lru(REMEMBERED);

    /** An incident read in full and the list summary it was read under. */
    private record Remembered(Summary summary, Incident incident) {
    }

    HubIncidents(StatusHubAccount account, StatusHubApi api, StatusHubCalls calls, ObjectMapper json, Pacer reads) {
        this.account = account;
        this.api = api;
        this.calls = calls;
        this.json = json;
        this.reads = reads;
    }

    /** One incident as the list shows it. */
    record Summary(String id, String title, Instant start, Instant end, Optional<IncidentType> latest) {
        boolean resolved() {
            return latest.map(t -> t == IncidentType.RESOLVED).orElse(end != null);
        }
    }

    /** One update of an incident: its type, its text, and the statuses it gave services by id. */
    record Update(IncidentType type, String body, Map<Long, ServiceStatus> statuses) {
    }

    /** One incident read in full; updates newest first. */
    record Incident(String id, String title, Instant start, IncidentType latest, List<Update> updates) {
    }

    /** Every incident whose period overlaps [since, far future], from every page. */
    List<Summary> overlapping(Instant since, Deadline deadline) {
        String start = since.truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Summary> found = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int page = 1;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            int current = page;
            String endpoint = "GET /hubs/" + account.hub() + "/incidents (page " + current + ")";
            HubHttp.Answer answer = calls.readPage(endpoint, reads, deadline,
                    api.list(account.hub(), start, null, PER_PAGE, current));
            List<JsonNode> items = items(parse(answer.body(), endpoint));
            int before = seen.size();
            for (JsonNode item : items) {
                Summary summary = summary(item);
                if (seen.add(summary.id()) && !summary.id().isEmpty()
                        && (summary.end() == null || !summary.end().isBefore(since))) {
                    found.putIfAbsent(summary.id(), summary);
                }
            }
            Optional<Integer> next = nextPage(answer.link());
            boolean full = items.size() >= PER_PAGE || items.size() == DEFAULT_PAGE;
            if (items.isEmpty() || (next.isEmpty() && !full) || (seen.size() == before && pages > 0)) {
                return new ArrayList<>(found.values());
            }
            page = next.filter(n -> n > current).orElse(current + 1);
        }
        throw StatusHubUnavailableException.mayHaveApplied("GET /hubs/" + account.hub() + "/incidents",
                "more than " + MAX_PAGES + " pages of incidents");
    }

    /** Reads these incidents in full, at once (paced); one that cannot be read (404, 403) is left out. */
    List<Incident> read(List<Summary> summaries, Deadline deadline) {
        List<Supplier<Optional<Incident>>> reads = new ArrayList<>();
        for (Summary summary : summaries) {
            reads.add(() -> read(summary, deadline));
        }
        return reads.isEmpty() ? List.of()
                : FanOut.all(reads, deadline).stream().flatMap(Optional::stream).toList();
    }

    private Optional<Incident> read(Summary summary, Deadline deadline) {
        Remembered known = remembered.get(summary.id());
        if (known != null && known.summary().equals(summary)) {
            return Optional.of(known.incident());
        }
        String endpoint = "GET /hubs/" + account.hub() + "/incidents/" + summary.id();
        try {
            JsonNode detail = unwrap(parse(calls.read(endpoint, reads, deadline, api.get(account.hub(), summary.id())),
                    endpoint));
            Incident incident = incident(summary, detail);
            remembered.put(summary.id(), new Remembered(summary, incident));
            return Optional.of(incident);
        } catch (StatusHubRejectedException e) {
            if (e.status() == 404 || e.status() == 403 || e.status() == 410) {
                LOG.warnf("incident %s is listed but cannot be read (HTTP %d): left out", summary.id(), e.status());
                return Optional.empty();
            }
            throw e;
        }
    }

    /** This bridge wrote to the incident: read it again next time. */
    void forget(String id) {
        remembered.remove(id);
    }

    /** Summaries matching a test, read in full. */
    List<Incident> readWhere(List<Summary> summaries, Predicate<Summary> wanted, Deadline deadline) {
        return read(summaries.stream().filter(wanted).toList(), deadline);
    }

    private static Summary summary(JsonNode item) {
        return new Summary(item.path("id").asText(""), item.path("title").asText(""),
                time(item.path("start_time").asText(null)), time(item.path("end_time").asText(null)),
                IncidentType.fromWire(item.path("last_incident_type").asText(null)));
    }

    private static Incident incident(Summary summary, JsonNode detail) {
        List<Update> updates = new ArrayList<>();
        for (JsonNode update : detail.path("incident_updates")) {
            Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
            for (JsonNode status : update.path("service_statuses")) {
                JsonNode id = status.path("service_id");
                Optional<ServiceStatus> value = ServiceStatus.fromWire(
                        status.path("status").asText(status.path("status_name").asText(null)));
                if (id.canConvertToLong() && value.isPresent()) {
                    statuses.put(id.asLong(), value.get());
                }
            }
            updates.add(new Update(IncidentType.fromWire(update.path("incident_type").asText(null)).orElse(null),
                    update.path("body").asText(""), statuses));
        }
        String title = detail.path("title").asText(summary.title());
        Instant start = Optional.ofNullable(time(detail.path("start_time").asText(null))).orElse(summary.start());
        // A resolution anywhere wins, whatever the order; else the list's newest type, else the newest update's.
        IncidentType latest = updates.stream().anyMatch(u -> u.type() == IncidentType.RESOLVED) ? IncidentType.RESOLVED
                : summary.latest().orElse(updates.isEmpty() ? null : updates.get(0).type());
        return new Incident(summary.id(), title, start, latest, updates);
    }

    /** The page a {@code Link: <…?page=3>; rel="next"} header points to. */
    static Optional<Integer> nextPage(String link) {
        if (link == null) {
            return Optional.empty();
        }
        Matcher next = NEXT_PAGE.matcher(link);
        if (!next.find()) {
            return Optional.empty();
        }
        Matcher page = PAGE_PARAM.matcher(next.group(1));
        return Optional.of(page.find() ? Integer.parseInt(page.group(1)) : -1);
    }

    JsonNode parse(String body, String endpoint) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw StatusHubUnavailableException.mayHaveApplied(endpoint, "answer is not JSON");
        }
    }

    /** Lists come as {@code {"data":[…]}}; accept a bare array too. */
    private static List<JsonNode> items(JsonNode node) {
        JsonNode array = node.isArray() ? node
                : node.path("data").isArray() ? node.path("data")
                        : node.path("incidents");
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static JsonNode unwrap(JsonNode node) {
        return node.path("data").isObject() ? node.path("data") : node;
    }

    /** StatusHub's times, whatever the offset style: {@code Z}, {@code +00:00}, {@code +0000}, or none (UTC). */
    static Instant time(String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return null;
        }
        String compact = COLONLESS_OFFSET.matcher(text.trim().replace(' ', 'T')).replaceFirst("$1:$2");
        try {
            return OffsetDateTime.parse(compact).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(compact).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
