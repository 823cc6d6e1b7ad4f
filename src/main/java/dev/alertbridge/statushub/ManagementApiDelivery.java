package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

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
 * alert's: the ones that started when the alert opened (that is the start time the bridge gives them), or, for a
 * clear that does not know when its alert opened, every one not yet resolved. Titles are not used: people
 * retitle incidents.
 */
public final class ManagementApiDelivery implements StatusHubDelivery {
    public static final String VIA = "management-api";
    private static final Logger LOG = Logger.getLogger(ManagementApiDelivery.class);

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
        Instant openedAt = alert.hasIncidentKey() && alert.openedAt() != null
                ? alert.openedAt().truncatedTo(ChronoUnit.SECONDS)
                : null;
        List<Incident> candidates = candidates(openedAt, deadline);
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            current.put(service.id(), find(IncidentRef.of(alert, service.id()), candidates));
        }
        return current;
    }

    /**
     * The incidents that may be the alert's, read in full. With the episode's start known: those that started
     * then (the start the bridge gives its incidents), and unresolved ones whose start cannot be read. Without
     * it: every unresolved incident.
     */
    private List<Incident> candidates(Instant openedAt, Deadline deadline) {
        return candidates(list(deadline), openedAt, deadline);
    }

    private List<Incident> candidates(List<JsonNode> summaries, Instant openedAt, Deadline deadline) {
        List<Supplier<Incident>> reads = new ArrayList<>();
        for (JsonNode summary : summaries) {
            String id = summary.path("id").asText("");
            Optional<IncidentType> last = IncidentType.fromWire(summary.path("last_incident_type").asText(null));
            Instant start = time(summary.path("start_time").asText(null));
            boolean unresolved = last.orElse(null) != IncidentType.RESOLVED;
            boolean candidate = openedAt == null ? unresolved
                    : openedAt.equals(start) || (start == null && unresolved);
            if (!id.isEmpty() && candidate) {
                reads.add(() -> read(id, summary, last, deadline));
            }
        }
        return reads.isEmpty() ? List.of() : FanOut.all(reads, deadline);
    }

    private List<JsonNode> list(Deadline deadline) {
        String endpoint = "GET /hubs/" + account.hub() + "/incidents";
        return items(parse(calls.read(endpoint, readPacer, deadline, () -> api.list(account.hub())), endpoint));
    }

    private Incident read(String id, JsonNode summary, Optional<IncidentType> listed, Deadline deadline) {
        String endpoint = "GET /hubs/" + account.hub() + "/incidents/" + id;
        JsonNode detail = unwrap(parse(calls.read(endpoint, readPacer, deadline, () -> api.get(account.hub(), id)),
                endpoint));
        return Incident.of(id, summary, detail, listed);
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        if (write instanceof Transition.Create create) {
            String endpoint = "POST /hubs/" + account.hub() + "/incidents";
            IncidentWrite body = write(create.service(), create.draft());
            JsonNode created = unwrap(parse(calls.write(endpoint, writePacer, deadline,
                    () -> api.create(account.hub(), body)), endpoint));
            return new Delivered("created", VIA, created.path("id").asText(""), null, null);
        }
        Transition.MarkMonitoring monitoring = (Transition.MarkMonitoring) write;
        String id = monitoring.incidentId();
        String endpoint = "POST /hubs/" + account.hub() + "/incidents/" + id + "/incident_updates";
        IncidentWrite body = write(monitoring.service(), monitoring.draft());
        calls.write(endpoint, writePacer, deadline, () -> api.addUpdate(account.hub(), id, body));
        return new Delivered("updated", VIA, id, null, null);
    }

    /**
     * Two execution environments handling the same event at the same moment can both find nothing and both create.
     * After an alert's creates, look once more: where an incident with the same ref and a lower id exists, resolve
     * ours as a duplicate naming the first. Both sides decide the same way, so exactly one incident stays open. The
     * usual case costs one list read: no more incidents started then than this invocation created.
     *
     * @param created incident ids by the create that made them
     * @return for each create that turned out a duplicate, its service id → the first incident's id
     */
    public Map<String, String> settle(Map<Transition.Create, String> created, Deadline deadline) {
        Map<String, String> duplicates = new HashMap<>();
        try {
            Instant start = created.keySet().iterator().next().draft().time().truncatedTo(ChronoUnit.SECONDS);
            List<JsonNode> summaries = list(deadline);
            long startedThen = summaries.stream().filter(s -> start.equals(time(s.path("start_time").asText(null))))
                    .count();
            if (startedThen <= created.size()) {
                return duplicates;
            }
            List<Incident> candidates = candidates(summaries, start, deadline);
            for (Map.Entry<Transition.Create, String> entry : created.entrySet()) {
                String mark = entry.getKey().draft().ref().toString();
                Optional<Incident> first = candidates.stream().filter(i -> i.mentions(mark)).min(BY_ID);
                if (first.isPresent() && !first.get().id().equals(entry.getValue())) {
                    resolveDuplicate(entry.getKey(), entry.getValue(), first.get().id(), deadline);
                    duplicates.put(entry.getKey().service().id(), first.get().id());
                }
            }
        } catch (RuntimeException e) {
            // The creates landed; a failed check only leaves a rare duplicate for a person to resolve.
            LOG.warnf("could not check the new incidents for concurrent duplicates: %s", e.getMessage());
        }
        return duplicates;
    }

    private void resolveDuplicate(Transition.Create create, String duplicate, String first, Deadline deadline) {
        String endpoint = "POST /hubs/" + account.hub() + "/incidents/" + duplicate + "/incident_updates";
        IncidentWrite resolve = new IncidentWrite(create.draft().title(),
                create.draft().time().truncatedTo(ChronoUnit.SECONDS).toString(), IncidentType.RESOLVED.wireName(),
                "Opened twice by the alert bridge; updates continue in incident " + first + ".", List.of());
        calls.write(endpoint, writePacer, deadline, () -> api.addUpdate(account.hub(), duplicate, resolve));
    }

    /** StatusHub ids are numbers: the lower one was created first. */
    private static final Comparator<Incident> BY_ID = Comparator
            .comparing((Incident i) -> i.id().length()).thenComparing(Incident::id);

    /** The one request body for create and update. */
    static IncidentWrite write(ServiceTarget service, IncidentDraft draft) {
        return new IncidentWrite(draft.title(), draft.time().truncatedTo(ChronoUnit.SECONDS).toString(),
                draft.type().wireName(), draft.body(),
                List.of(new IncidentWrite.ServiceStatusWrite(service.serviceId(), draft.status().wireName())));
    }

    private static Current find(IncidentRef ref, List<Incident> candidates) {
        if (ref.hasEpisode()) {
            String mark = ref.toString();
            return candidates.stream().filter(i -> i.mentions(mark)).min(BY_ID)
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
