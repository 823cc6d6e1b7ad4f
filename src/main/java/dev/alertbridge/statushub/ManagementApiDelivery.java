package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.statushub.HubIncidents.Incident;
import dev.alertbridge.statushub.HubIncidents.Summary;
import dev.alertbridge.statushub.HubIncidents.Update;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.IncidentView;
import dev.alertbridge.transition.Transition;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * Services with a {@code serviceId}, through the Management API of the configured hub.
 *
 * <p>
 * Finding an alert's incidents again, with no database: the bridge writes its {@link IncidentRef} into the text
 * of every update it posts. To look up, it lists the hub's incidents still open (and, for an alert that names its
 * episode, those that ended since the episode began), reads the open ones and the episode's own in full, and sorts
 * them per service: the alert's own incidents (by the ref's alert part, or the mark earlier versions wrote), and
 * other alerts' open incidents on the same service, which keep it down. Titles are not used: people retitle
 * incidents.
 */
public final class ManagementApiDelivery implements StatusHubDelivery {
    private static final Logger LOG = Logger.getLogger(ManagementApiDelivery.class);

    private final StatusHubAccount account;
    private final StatusHubApi api;
    private final StatusHubCalls calls;
    private final HubIncidents incidents;
    private final Pacer writePacer;

    ManagementApiDelivery(StatusHubAccount account, StatusHubApi api, StatusHubCalls calls, ObjectMapper json,
            Pacer readPacer, Pacer writePacer) {
        this.account = account;
        this.api = api;
        this.calls = calls;
        this.incidents = new HubIncidents(account, api, calls, json, readPacer);
        this.writePacer = writePacer;
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline, Instant now) {
        Instant episodeStart = alert.hasIncidentKey() && alert.openedAt() != null
                ? alert.openedAt().truncatedTo(ChronoUnit.SECONDS)
                : null;
        Instant since = episodeStart != null && episodeStart.isBefore(now) ? episodeStart : now;
        List<Summary> listed = incidents.overlapping(since, deadline);
        // Every open incident (the alert's own, or another alert's keeping a service down), and the episode's own
        // incident if it ended: resolved by a person, it must not be opened again.
        List<Incident> read = incidents.readWhere(listed,
                s -> !s.resolved() || (episodeStart != null && episodeStart.equals(s.start())), deadline);
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            current.put(service.id(), shown(alert, service, read));
        }
        return current;
    }

    private static Current shown(Alert alert, ServiceTarget service, List<Incident> read) {
        IncidentRef mine = IncidentRef.of(alert, service);
        IncidentRef legacy = IncidentRef.legacy(alert, service);
        boolean legacyPartEnough = IncidentRef.legacyAlertPartIdentifies(alert.source());
        List<IncidentView> ofAlert = new ArrayList<>();
        List<IncidentView> others = new ArrayList<>();
        for (Incident incident : read) {
            List<IncidentRef> refs = refs(incident);
            Optional<IncidentRef> own = refs.stream().filter(r -> r.alertPart().equals(mine.alertPart())
                    || (r.alertPart().equals(legacy.alertPart()) && (legacyPartEnough || r.equals(legacy))))
                    .findFirst();
            if (own.isPresent()) {
                ofAlert.add(view(incident, own.get(), service));
            } else if (!refs.isEmpty() && onService(incident, service)) {
                IncidentView other = view(incident, refs.get(0), service);
                if (other.open()) {
                    others.add(other);
                }
            }
        }
        ofAlert.sort(Comparator.comparing(IncidentView::startTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(v -> v.incidentId().length()).thenComparing(IncidentView::incidentId));
        return new Current.Shown(ofAlert, others);
    }

    private static List<IncidentRef> refs(Incident incident) {
        LinkedHashSet<IncidentRef> refs = new LinkedHashSet<>();
        for (Update update : incident.updates()) {
            refs.addAll(IncidentRef.findAll(update.body()));
        }
        return new ArrayList<>(refs);
    }

    private static boolean onService(Incident incident, ServiceTarget service) {
        return incident.updates().stream().anyMatch(u -> u.statuses().containsKey(service.serviceId()));
    }

    private static IncidentView view(Incident incident, IncidentRef ref, ServiceTarget service) {
        String mark = ref.toString();
        boolean cleared = incident.updates().stream()
                .anyMatch(u -> u.type() == IncidentType.MONITORING && u.body().contains(mark));
        // Its severity, from how the bridge's opening update begins: later updates may have written another status.
        ServiceStatus status = incident.updates().stream().anyMatch(u -> u.body().contains(mark)
                && u.body().startsWith(TransitionPlanner.DEGRADED_OPENING)) ? ServiceStatus.DEGRADED_PERFORMANCE
                        : ServiceStatus.DOWN;
        return new IncidentView(incident.id(), incident.title(), ref, incident.start(), incident.latest(), cleared,
                status);
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        if (write instanceof Transition.Create create) {
            String endpoint = "POST /hubs/" + account.hub() + "/incidents";
            IncidentWrite body = write(create.service(), create.draft());
            JsonNode created = HubIncidents.unwrap(incidents.parse(calls.write(endpoint, writePacer, deadline,
                    api.create(account.hub(), body)), endpoint));
            return Delivered.created(Delivered.Via.MANAGEMENT_API, created.path("id").asText(""));
        }
        Transition.MarkMonitoring monitoring = (Transition.MarkMonitoring) write;
        String id = monitoring.incidentId();
        String endpoint = "POST /hubs/" + account.hub() + "/incidents/" + id + "/incident_updates";
        IncidentWrite body = write(monitoring.service(), monitoring.draft());
        incidents.forget(id);
        calls.write(endpoint, writePacer, deadline, api.addUpdate(account.hub(), id, body));
        return Delivered.updated(Delivered.Via.MANAGEMENT_API, id);
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
            List<Summary> startedThen = incidents.overlapping(start, deadline).stream()
                    .filter(s -> start.equals(s.start())).toList();
            if (startedThen.size() <= created.size()) {
                return duplicates;
            }
            List<Incident> candidates = incidents.read(startedThen, deadline);
            for (Map.Entry<Transition.Create, String> entry : created.entrySet()) {
                String mark = entry.getKey().draft().ref().toString();
                Optional<Incident> first = candidates.stream()
                        .filter(i -> i.updates().stream().anyMatch(u -> u.body().contains(mark))).min(BY_ID);
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
        IncidentWrite resolve = new IncidentWrite(create.draft().title(), create.draft().time().toString(),
                IncidentType.RESOLVED.wireName(),
                "Opened twice by the alert bridge; updates continue in incident " + first + ".", List.of());
        incidents.forget(duplicate);
        calls.write(endpoint, writePacer, deadline, api.addUpdate(account.hub(), duplicate, resolve));
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
}
