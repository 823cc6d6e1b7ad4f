package dev.alertbridge.transition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * Decides, with no I/O, what one alert does to its group's shared incident ({@code group}): one public incident per
 * outage instead of one per alert and service. The rules (design §1, <i>One outage, one public incident</i>):
 * <ul>
 * <li>the first member to open creates the incident; a member opening while it is open <b>joins</b> it (every join
 * is written: membership lives only in the incident); a join that adds a service or worsens a status says so and
 * counts as an opening for {@code notify}, one that changes nothing is posted silent; a join keeps the incident's
 * type (a person's Identified stays);
 * <li>a member's clear releases only what it held: each service shows what the open members (and other open
 * incidents) hold; a service nobody holds goes up inside the incident, which keeps its type; the last member's clear
 * moves it to Monitoring;
 * <li>a person's Resolved or Monitoring ends it for every member: a member whose error has not ended since joins
 * nothing, and a new member opens a new incident;
 * <li>{@code reopenWithin}: only an alert that was a member continues the incident it cleared;
 * <li>a member whose services are all in a maintenance does not join;
 * <li>every update names every service of the incident with its status.
 * </ul>
 * Services not held by this group's incident keep what other incidents hold ({@code othersHold}).
 */
public final class SharedIncidentPlanner {
    private final PageTexts texts;

    public SharedIncidentPlanner(PageTexts texts) {
        this.texts = texts;
    }

    /**
     * What the bridge knows of the group before deciding for one member.
     *
     * @param group the group's hash ({@link IncidentRef#groupOf})
     * @param incidents the group's incidents (open ones, and those the alert was a member of), any order
     * @param othersHold per service, the incident outside this group that holds it at the worst status
     * @param maintenance the services in a maintenance that holds new incidents back
     * @param names every service's name by StatusHub id (a shared incident's title and texts list them)
     */
    public record GroupView(String group, List<SharedIncident> incidents, Map<Long, ServiceView.Held> othersHold,
            Set<Long> maintenance, Map<Long, String> names) {
    }

    /**
     * The alert's writes to its group's incident for these of its services ({@code partition}: the services whose
     * effective group is this one, each with the status the alert's links give it), {@code now} the invocation's
     * time.
     */
    public List<Transition> plan(Alert alert, List<LinkedService> partition, GroupView view, Instant now) {
        LinkedService primary = partition.get(0);
        if (alert.state() == AlertState.NO_CHANGE) {
            return List.of(new Transition.Unchanged(primary, null, "the alert's state did not change"));
        }
        IncidentRef mine = IncidentRef.of(alert, primary.status());
        // A copy the bridge resolved as opened twice is nobody's incident: its members moved to the kept one.
        List<SharedIncident> byAge = view.incidents().stream().filter(s -> !s.incident().resolvedAsDuplicate())
                .sorted(Comparator.comparing((SharedIncident s) -> s.incident().id(), HubIncident.IDS_BY_CREATION))
                .toList();
        return alert.state() == AlertState.OPEN ? List.of(open(alert, partition, view, byAge, mine, now))
                : release(alert, partition, view, byAge, mine, now);
    }

    private Transition open(Alert alert, List<LinkedService> partition, GroupView view, List<SharedIncident> byAge,
            IncidentRef mine, Instant now) {
        LinkedService primary = partition.get(0);
        Map<Long, ServiceStatus> gives = new LinkedHashMap<>();
        for (LinkedService service : partition) {
            if (!view.maintenance().contains(service.service().serviceId())) {
                gives.merge(service.service().serviceId(), service.status(), ServiceStatus::worst);
            }
        }
        Optional<SharedIncident> open = byAge.stream().filter(s -> s.incident().open()).findFirst();
        if (open.isPresent()) {
            Optional<IncidentRef> member = open.get().member(mine).filter(m -> m.clearedAt() == null);
            if (member.isPresent() && gives.entrySet().stream()
                    .allMatch(e -> member.get().gives(e.getKey()).filter(e.getValue()::equals).isPresent())) {
                return new Transition.Unchanged(primary, open.get().incident().id(), "a member of incident "
                        + open.get().incident().id() + " already");
            }
        }
        // The alert's newest incident of the group: a person may have ended it, or its clear already happened.
        Optional<SharedIncident> newest = byAge.stream().filter(s -> s.member(mine).isPresent())
                .reduce((older, younger) -> younger);
        if (newest.isPresent() && newest.get().ended()) {
            IncidentRef was = newest.get().member(mine).orElseThrow();
            boolean sameError = alert.continuation() || was.sameEpisode(mine);
            if (sameError && newest.get().incident().endedByPerson()) {
                return new Transition.Skip(primary, newest.get().incident().id(), "incident "
                        + newest.get().incident().id() + " was ended by a person; the alert has not left its error "
                        + "since");
            }
            if (was.sameEpisode(mine) && was.clearedAt() != null) {
                return new Transition.Unchanged(primary, newest.get().incident().id(), "incident "
                        + newest.get().incident().id() + " already cleared");
            }
        }
        Optional<String> held = HoldDown.held(alert, partition.stream().map(s -> s.policy().holdDownFor(
                alert.source())).max(java.time.Duration::compareTo).orElseThrow(), newest.isPresent()
                        && newest.get().member(mine).filter(m -> m.sameEpisode(mine)).isPresent(),
                now);
        if (held.isPresent()) {
            return new Transition.Skip(primary, null, held.get()); // a held member joins when its hold ends
        }
        if (gives.isEmpty()) {
            return new Transition.Skip(primary, null, "every service of this group is in a maintenance: no "
                    + "incident joined or opened (\"maintenance\": \"post\" opens anyway)");
        }
        IncidentRef member = IncidentRef.member(alert, view.group(), gives);
        if (open.isPresent()) {
            return join(alert, primary, view, open.get(), member, gives, now, Transition.Purpose.JOIN);
        }
        Optional<SharedIncident> flap = newest.filter(s -> continues(alert, primary, s));
        if (flap.isPresent()) {
            return join(alert, primary, view, flap.get(), member, gives, now, Transition.Purpose.REOPEN);
        }
        return create(alert, primary, view, member, gives);
    }

    /** A flap: the alert was a member of the incident the bridge cleared, within {@code reopenWithin} of now. */
    private static boolean continues(Alert alert, LinkedService primary, SharedIncident incident) {
        Optional<Instant> cleared = incident.incident().clearedAt();
        Instant start = alert.episodeStart().truncatedTo(ChronoUnit.SECONDS);
        return cleared.isPresent() && !incident.incident().endedByPerson()
                && primary.policy().continues(cleared.get(), start);
    }

    private Transition create(Alert alert, LinkedService primary, GroupView view, IncidentRef member,
            Map<Long, ServiceStatus> gives) {
        Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
        gives.forEach((service, status) -> statuses.put(service, worst(status, view.othersHold().get(service))));
        Instant start = alert.episodeStart().truncatedTo(ChronoUnit.SECONDS);
        List<String> names = names(view, statuses.keySet());
        ServiceStatus worst = ServiceStatus.worstOf(statuses.values());
        return new Transition.Create(primary, IncidentDraft.shared(member, texts.sharedTitle(primary, names, worst),
                texts.sharedOpening(alert, primary, names, member.severity(), worst, start, List.of(member)), start,
                IncidentType.INVESTIGATING, statuses, false), null);
    }

    /**
     * A member joins (or a flap's member continues) the incident: every service of it named, each at what its open
     * members, this one included, and other incidents hold; re-titled when the join changes the page while the title
     * is still the bridge's.
     */
    private Transition join(Alert alert, LinkedService primary, GroupView view, SharedIncident incident,
            IncidentRef member, Map<Long, ServiceStatus> gives, Instant now, Transition.Purpose purpose) {
        Set<Long> services = new LinkedHashSet<>(incident.services());
        services.addAll(gives.keySet());
        Map<Long, ServiceStatus> before = shown(incident);
        Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
        for (long service : services) {
            statuses.put(service, worst(incident.holdsWith(service, List.of(member)).orElse(ServiceStatus.UP),
                    view.othersHold().get(service)));
        }
        boolean changesPage = statuses.entrySet().stream().anyMatch(e -> !before.containsKey(e.getKey())
                || e.getValue().worse(before.get(e.getKey())));
        List<String> names = names(view, services);
        ServiceStatus worst = ServiceStatus.worstOf(statuses.values());
        String bridgeTitle = texts.sharedTitle(primary, names(view, before.keySet()), ServiceStatus.worstOf(before.values()));
        boolean retitles = changesPage && bridgeTitle.equals(incident.incident().title());
        IncidentType type = purpose == Transition.Purpose.REOPEN ? IncidentType.INVESTIGATING
                : incident.incident().latest();
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        IncidentRef under = member.under(incident.incident().reference().orElse(null));
        List<String> joining = names(view, gives.keySet().stream().filter(service -> !before.containsKey(service)
                || statuses.get(service).worse(before.get(service))).toList());
        Instant since = alert.episodeStart().truncatedTo(ChronoUnit.SECONDS);
        String body = purpose == Transition.Purpose.REOPEN
                ? texts.sharedOpening(alert, primary, joining, member.severity(), worst, since, List.of(under))
                : texts.sharedJoined(alert, primary, joining, worst, since, changesPage, List.of(under));
        return new Transition.Update(primary, incident.incident().id(), IncidentDraft.shared(under,
                retitles ? texts.sharedTitle(primary, names, worst) : incident.incident().title(), body, at, type,
                statuses, retitles),
                changesPage || purpose == Transition.Purpose.REOPEN ? purpose
                        : Transition.Purpose.JOIN_QUIETLY);
    }

    /**
     * A member's clear: on every incident of the group where it is an open member, it releases what it held; the
     * last member's clear moves the incident to Monitoring.
     */
    private List<Transition> release(Alert alert, List<LinkedService> partition, GroupView view,
            List<SharedIncident> byAge, IncidentRef mine, Instant now) {
        LinkedService primary = partition.get(0);
        Instant at = alert.at().truncatedTo(ChronoUnit.SECONDS);
        List<Transition> transitions = new ArrayList<>();
        for (SharedIncident incident : byAge) {
            Optional<IncidentRef> member = incident.member(mine).filter(m -> m.clearedAt() == null);
            if (member.isEmpty() || !incident.incident().open()) {
                continue;
            }
            IncidentRef cleared = member.get().clearedAt(at).under(incident.incident().reference().orElse(null));
            Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
            for (long service : incident.services()) {
                statuses.put(service, worst(incident.holdsWith(service, List.of(cleared)).orElse(ServiceStatus.UP),
                        view.othersHold().get(service)));
            }
            boolean last = incident.openMembers().stream().allMatch(m -> m.sameAlert(mine));
            Map<Long, ServiceStatus> before = shown(incident);
            List<String> recovered = names(view,
                    statuses.entrySet().stream()
                            .filter(e -> e.getValue() == ServiceStatus.UP
                                    && before.getOrDefault(e.getKey(), ServiceStatus.UP) != ServiceStatus.UP)
                            .map(Map.Entry::getKey).toList());
            List<String> affected = names(view, statuses.entrySet().stream()
                    .filter(e -> e.getValue() != ServiceStatus.UP).map(Map.Entry::getKey).toList());
            Instant since = alert.openedAt() != null ? alert.openedAt().truncatedTo(ChronoUnit.SECONDS)
                    : incident.incident().start();
            Optional<ServiceView.Held> holding = statuses.keySet().stream().map(view.othersHold()::get)
                    .filter(h -> h != null).findFirst();
            String body = last ? texts.sharedCleared(alert, primary, names(view, statuses.keySet()), affected, holding,
                    since, at, List.of(cleared))
                    : recovered.isEmpty()
                            ? texts.sharedJoined(alert, primary, affected, ServiceStatus.worstOf(statuses.values()), at, false,
                                    List.of(cleared))
                            : texts.sharedRecovered(alert, primary, recovered, affected, since, at, List.of(cleared));
            transitions.add(new Transition.Update(primary, incident.incident().id(), IncidentDraft.shared(cleared,
                    incident.incident().title(), body, at, last ? IncidentType.MONITORING
                            : incident.incident()
                                    .latest(),
                    statuses, false),
                    last ? Transition.Purpose.CLEAR
                            : recovered.isEmpty()
                                    ? Transition.Purpose.RELEASE_QUIETLY
                                    : Transition.Purpose.RELEASE));
        }
        if (!transitions.isEmpty()) {
            return transitions;
        }
        Optional<SharedIncident> newest = byAge.stream().filter(s -> s.member(mine).isPresent())
                .reduce((older, younger) -> younger);
        if (newest.isEmpty()) {
            return List.of(new Transition.Unchanged(primary, null, "no open incident of this alert"));
        }
        String id = newest.get().incident().id();
        return List.of(newest.get().incident().endedByPerson()
                ? new Transition.Skip(primary, id, "incident " + id + " was ended by a person")
                : new Transition.Unchanged(primary, id, "incident " + id + " already cleared"));
    }

    /** What the page shows each service of the incident: the newest update naming it. */
    static Map<Long, ServiceStatus> shown(SharedIncident incident) {
        Map<Long, ServiceStatus> shown = new LinkedHashMap<>();
        for (HubIncident.Update update : incident.incident().updates()) {
            update.statuses().forEach(shown::putIfAbsent);
        }
        return shown;
    }

    static List<String> names(GroupView view, java.util.Collection<Long> services) {
        return services.stream().map(id -> view.names().getOrDefault(id, "")).filter(n -> !n.isEmpty()).toList();
    }

    static ServiceStatus worst(ServiceStatus status, ServiceView.Held other) {
        return other == null ? status : status.worst(other.status());
    }

}
