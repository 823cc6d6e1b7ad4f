package dev.alertbridge.transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.alertbridge.alert.ServiceStatus;

/**
 * One incident as StatusHub shows it in full, and what its updates say. The newest update decides whether it is
 * open: {@code investigating} or {@code identified}, whoever wrote it (a person reopening a resolved incident reopens
 * it; a person's {@code monitoring} releases it). An open incident holds each of its services: the bridge's at the
 * status its reference line names, a person's at the status the person last set there.
 *
 * @param id StatusHub's id
 * @param title the current title (people retitle incidents: never used to find one)
 * @param start when it started, or null when StatusHub did not say
 * @param updates newest first
 */
public record HubIncident(String id, String title, Instant start, List<Update> updates) {

    /**
     * One update: its type, text, the statuses it set by service id, and when it was made (when StatusHub says).
     */
    public record Update(IncidentType type, String body, Map<Long, ServiceStatus> statuses, Instant createdAt) {
        public Update {
            body = body == null ? "" : body;
            statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses)); // as StatusHub lists them
        }

        public Optional<IncidentRef> ref() {
            return IncidentRef.find(body);
        }

        /** Every member its reference line names (several on a shared incident's update). */
        public List<IncidentRef> refs() {
            return IncidentRef.findAll(body);
        }

        /** Written by the bridge: it carries the bridge's reference line (or an earlier version's mark). */
        public boolean byBridge() {
            return ref().isPresent() || LegacyMark.find(body).isPresent();
        }
    }

    public HubIncident {
        updates = newestFirst(updates);
    }

    /** StatusHub's incident ids grow with creation: numeric ones by value, others by length then text. */
    public static final Comparator<String> IDS_BY_CREATION = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    /** StatusHub lists updates newest first; when every update says when it was made, that order is used. */
    private static List<Update> newestFirst(List<Update> updates) {
        if (updates.isEmpty() || updates.stream().anyMatch(u -> u.createdAt() == null)) {
            return List.copyOf(updates);
        }
        List<Update> sorted = new ArrayList<>(updates);
        sorted.sort(Comparator.comparing(Update::createdAt).reversed());
        return List.copyOf(sorted);
    }

    /** The newest update's type; null when no update says. */
    public IncidentType latest() {
        return newestTyped().map(Update::type).orElse(null);
    }

    /** The newest update that says a type: what the incident is now, and who put it there. */
    private Optional<Update> newestTyped() {
        return updates.stream().filter(u -> u.type() != null).findFirst();
    }

    /** The newest update is investigating or identified. */
    public boolean open() {
        IncidentType latest = latest();
        return latest != null && latest.holdsStatus();
    }

    /** The bridge's reference line: the first written (all of one incident's updates carry the same alert's). */
    public Optional<IncidentRef> ref() {
        for (int i = updates.size() - 1; i >= 0; i--) {
            Optional<IncidentRef> ref = updates.get(i).ref();
            if (ref.isPresent()) {
                return ref.map(IncidentRef::open);
            }
        }
        return Optional.empty();
    }

    /** The reference customers quote: the one its first reference line gave it, kept on every later update. */
    public Optional<String> reference() {
        return ref().map(IncidentRef::reference);
    }

    /**
     * Every episode state its updates carry, oldest first: a flap's continuation adds its own episode, and every
     * one of them is this incident's.
     */
    public List<IncidentRef> refs() {
        List<IncidentRef> refs = new ArrayList<>();
        for (int i = updates.size() - 1; i >= 0; i--) {
            refs.addAll(updates.get(i).refs());
        }
        return refs;
    }

    /** A shared incident ({@code group}): its members and what they hold; empty for an incident of one alert. */
    public Optional<SharedIncident> shared() {
        return ref().filter(r -> r.group() != null).map(r -> new SharedIncident(this, r.group()));
    }

    /**
     * Resolved by the bridge: its newest update is a resolution carrying the bridge's line, which the bridge writes
     * only on a duplicate that another environment created in the same moment. It never counts as the alert's
     * incident.
     */
    public boolean resolvedAsDuplicate() {
        return newestTyped().filter(u -> u.type() == IncidentType.RESOLVED && u.byBridge()).isPresent();
    }

    /** The mark an earlier version wrote, if the incident carries one. */
    public Optional<LegacyMark> legacyMark() {
        return updates.stream().map(u -> LegacyMark.find(u.body())).flatMap(Optional::stream).findFirst();
    }

    /** The bridge opened it: one of its updates carries the bridge's mark. Every other incident is a person's. */
    public boolean byBridge() {
        return updates.stream().anyMatch(Update::byBridge);
    }

    public boolean onService(long serviceId) {
        return updates.stream().anyMatch(u -> u.statuses().containsKey(serviceId));
    }

    /** The services named by the updates that carry a reference line: where the bridge put its alert's incident. */
    public Set<Long> servicesOfReferencedUpdates() {
        Set<Long> services = new LinkedHashSet<>();
        updates.stream().filter(u -> u.ref().isPresent()).forEach(u -> services.addAll(u.statuses().keySet()));
        return services;
    }

    /** The services the bridge's own updates name: where its alert's incident is. */
    public boolean bridgeWroteService(long serviceId) {
        return updates.stream().anyMatch(u -> u.byBridge() && u.statuses().containsKey(serviceId));
    }

    /**
     * The status the bridge's own newest update naming the service set: what the bridge last wrote there. A person's
     * updates never count (their status stands until the bridge's next own transition).
     */
    public Optional<ServiceStatus> bridgeWrote(long serviceId) {
        return updates.stream().filter(u -> u.byBridge() && u.statuses().containsKey(serviceId)).findFirst()
                .map(u -> u.statuses().get(serviceId));
    }

    /** What it holds the service at, with what the texts need to point readers at it (title, a person's or not). */
    public Optional<ServiceView.Held> held(long serviceId) {
        return holds(serviceId).map(status -> new ServiceView.Held(id(), title(), status, !byBridge()));
    }

    /** The status this incident holds its service at, while open: see the class comment. */
    public Optional<ServiceStatus> holds(long serviceId) {
        if (!open() || !onService(serviceId)) {
            return Optional.empty();
        }
        Optional<SharedIncident> shared = shared();
        if (shared.isPresent()) {
            return shared.get().holds(serviceId);
        }
        if (bridgeWroteService(serviceId)) {
            return Optional.of(severity());
        }
        return updates.stream().filter(u -> u.statuses().containsKey(serviceId)).findFirst()
                .map(u -> u.statuses().get(serviceId));
    }

    /** The status the bridge's alert gives the service; an incident of an earlier version says it in its opening. */
    private ServiceStatus severity() {
        Optional<IncidentRef> ref = ref();
        if (ref.isPresent()) {
            return ref.get().severity();
        }
        boolean degraded = !updates.isEmpty()
                && updates.get(updates.size() - 1).body().startsWith(LegacyMark.DEGRADED_OPENING);
        return degraded ? ServiceStatus.DEGRADED_PERFORMANCE : ServiceStatus.DOWN;
    }

    /** Resolved by a person: the newest update is a resolution the bridge did not write. */
    public boolean resolvedByPerson() {
        return newestTyped().filter(u -> u.type() == IncidentType.RESOLVED && !u.byBridge()).isPresent();
    }

    /**
     * Ended by a person: the newest update is a Resolved or a Monitoring the bridge did not write. For the bridge the
     * error is over there: nothing reopens it until the alert has left its error.
     */
    public boolean endedByPerson() {
        return newestTyped().filter(u -> !u.type().holdsStatus() && !u.byBridge()).isPresent();
    }

    /**
     * When the bridge cleared it, if it is in monitoring now: the time its newest clear names (the clear's own
     * time, as the bridge wrote it), else when that update was made.
     */
    public Optional<Instant> clearedAt() {
        if (latest() != IncidentType.MONITORING) {
            return Optional.empty();
        }
        for (Update update : updates) {
            Optional<IncidentRef> ref = update.ref();
            if (update.type() == IncidentType.MONITORING && ref.isPresent()) {
                return Optional.ofNullable(ref.get().clearedAt() != null ? ref.get().clearedAt() : update.createdAt());
            }
        }
        return Optional.empty();
    }

    /** The same incident with this update (the bridge's own write) on top: what StatusHub shows once it landed. */
    public HubIncident with(Update update) {
        List<Update> newer = new ArrayList<>(updates.size() + 1);
        newer.add(update);
        newer.addAll(updates);
        return new HubIncident(id, title, start, newer);
    }
}
