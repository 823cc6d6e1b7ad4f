package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.IncidentView;
import dev.alertbridge.transition.Transition;

/**
 * Services with a {@code serviceId}, through the Management API of the configured hub.
 *
 * <p>Finding an alert's incident again, with no database: the bridge writes its {@link IncidentRef} into the
 * text of every update it posts. To look up, it lists the hub's incidents and reads those that could be the
 * alert's: the ones that started when the alert opened (that is the start time the bridge gives them), and every
 * one not yet resolved (a person may have changed the start time, and a clear may not know when its alert
 * opened). Titles are not used: people retitle incidents.
 */
public final class ManagementApiDelivery implements StatusHubDelivery {
    public static final String VIA = "management-api";

    private final StatusHubAccount account;
    private final StatusHubApi api;
    private final StatusHubCalls calls;
    private final ObjectMapper json;
    private final Pacer readPacer;
    private final Pacer writePacer;

    public ManagementApiDelivery(StatusHubAccount account, StatusHubApi api, StatusHubCalls calls, ObjectMapper json,
            Pacer readPacer, Pacer writePacer) {
        this.account = account;
        this.api = api;
        this.calls = calls;
        this.json = json;
        this.readPacer = readPacer;
        this.writePacer = writePacer;
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline) {
        String listEndpoint = "GET /hubs/" + account.hub() + "/incidents";
        List<JsonNode> summaries = items(parse(calls.read(listEndpoint, readPacer, deadline,
                () -> api.list(account.hub())), listEndpoint));
        Instant openedAt = alert.openedAt() == null ? null : alert.openedAt().truncatedTo(ChronoUnit.SECONDS);
        List<Incident> candidates = new ArrayList<>();
        for (JsonNode summary : summaries) {
            String id = summary.path("id").asText("");
            Optional<IncidentType> last = IncidentType.fromWire(summary.path("last_incident_type").asText(null));
            Instant start = time(summary.path("start_time").asText(null));
            boolean startedWithAlert = openedAt != null && openedAt.equals(start);
            if (!id.isEmpty() && (startedWithAlert || last.orElse(null) != IncidentType.RESOLVED)) {
                String endpoint = "GET /hubs/" + account.hub() + "/incidents/" + id;
                JsonNode detail = unwrap(parse(calls.read(endpoint, readPacer, deadline,
                        () -> api.get(account.hub(), id)), endpoint));
                candidates.add(Incident.of(id, summary, detail, last));
            }
        }
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            current.put(service.id(), find(IncidentRef.of(alert, service.id()), candidates));
        }
        return current;
    }

    @Override
    public Delivered apply(Transition transition, Deadline deadline) {
        if (transition instanceof Transition.Create create) {
            String endpoint = "POST /hubs/" + account.hub() + "/incidents";
            IncidentWrite body = write(create.service(), create.draft());
            JsonNode created = unwrap(parse(calls.write(endpoint, writePacer, deadline,
                    () -> api.create(account.hub(), body)), endpoint));
            return new Delivered("created", VIA, created.path("id").asText(""), null);
        }
        if (transition instanceof Transition.MarkMonitoring monitoring) {
            String id = monitoring.incidentId();
            String endpoint = "POST /hubs/" + account.hub() + "/incidents/" + id + "/incident_updates";
            IncidentWrite body = write(monitoring.service(), monitoring.draft());
            calls.write(endpoint, writePacer, deadline, () -> api.addUpdate(account.hub(), id, body));
            return new Delivered("updated", VIA, id, null);
        }
        throw new IllegalArgumentException("nothing to deliver for " + transition);
    }

    /** The one request body for create and update. */
    static IncidentWrite write(ServiceTarget service, IncidentDraft draft) {
        return new IncidentWrite(draft.title(), draft.time().truncatedTo(ChronoUnit.SECONDS).toString(),
                draft.type().wireName(), draft.body(),
                List.of(new IncidentWrite.ServiceStatusWrite(service.serviceId(), draft.status().wireName())));
    }

    private static Current find(IncidentRef ref, List<Incident> candidates) {
        if (ref.hasEpisode()) {
            String mark = ref.toString();
            return candidates.stream().filter(i -> i.mentions(mark))
                    .min(Comparator.comparing(Incident::start, Comparator.nullsLast(Comparator.naturalOrder())))
                    .<Current>map(i -> new Current.Found(i.view(ref)))
                    .orElse(Current.NOT_FOUND);
        }
        // A clear that cannot name its episode ends the monitor's newest incident still open on this service.
        return candidates.stream()
                .filter(i -> i.latest() != IncidentType.RESOLVED)
                .map(i -> i.refWith(ref.monitorPrefix()).map(full -> i.view(full)))
                .flatMap(Optional::stream)
                .filter(view -> !view.clearedByBridge())
                .max(Comparator.comparing(IncidentView::startTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                .<Current>map(Current.Found::new)
                .orElse(Current.NOT_FOUND);
    }

    private JsonNode parse(String body, String endpoint) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new StatusHubUnavailableException(endpoint, "answer is not JSON", false, null);
        }
    }

    /** Lists come as {@code {"data":[…]}}; accept a bare array too. */
    private static List<JsonNode> items(JsonNode node) {
        JsonNode array = node.isArray() ? node : node.path("data").isArray() ? node.path("data")
                : node.path("incidents");
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode unwrap(JsonNode node) {
        return node.path("data").isObject() ? node.path("data") : node;
    }

    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant()
                    .truncatedTo(ChronoUnit.SECONDS);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** One incident as StatusHub shows it: summary and updates. */
    private record Incident(String id, String title, Instant start, IncidentType latest,
            List<Map.Entry<IncidentType, String>> updates) {

        static Incident of(String id, JsonNode summary, JsonNode detail, Optional<IncidentType> listed) {
            List<Map.Entry<IncidentType, String>> updates = new ArrayList<>();
            for (JsonNode update : detail.path("incident_updates")) {
                updates.add(new java.util.AbstractMap.SimpleEntry<>(
                        IncidentType.fromWire(update.path("incident_type").asText(null)).orElse(null),
                        update.path("body").asText("")));
            }
            String title = detail.path("title").asText(summary.path("title").asText(""));
            Instant start = time(detail.path("start_time").asText(summary.path("start_time").asText(null)));
            // Newest update first; if the order is not what we expect, a resolution anywhere still wins.
            IncidentType latest = listed.orElseGet(() -> updates.stream()
                    .anyMatch(u -> u.getKey() == IncidentType.RESOLVED) ? IncidentType.RESOLVED
                            : updates.isEmpty() ? null : updates.get(0).getKey());
            return new Incident(id, title, start, latest, updates);
        }

        boolean mentions(String mark) {
            return updates.stream().anyMatch(u -> u.getValue().contains(mark));
        }

        Optional<IncidentRef> refWith(String monitorPrefix) {
            return updates.stream().map(u -> IncidentRef.findIn(u.getValue(), monitorPrefix))
                    .flatMap(Optional::stream).findFirst();
        }

        IncidentView view(IncidentRef ref) {
            String mark = ref.toString();
            boolean cleared = updates.stream()
                    .anyMatch(u -> u.getKey() == IncidentType.MONITORING && u.getValue().contains(mark));
            return new IncidentView(id, title, ref, start, latest, cleared);
        }
    }
}
