package dev.alertbridge.transition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * What a shared incident needs once a write to it is read back ({@link SharedIncidentPlanner} decides the write):
 * the page converges whatever interleaves, on the group's incident as on an incident of one alert.
 */
public final class SharedIncidentRepair {
    private final PageTexts texts;

    public SharedIncidentRepair(PageTexts texts) {
        this.texts = texts;
    }

    /**
     * After a write to the group's incident, read back: the correction the page needs, if any, on this incident
     * ({@code incident} as StatusHub shows it now, {@code all} every incident known, the view's other holders
     * refreshed):
     * <ul>
     * <li>a join raced the last member's clear: the bridge's Monitoring landed with a member still open in the
     * incident's members: the incident goes back to Investigating with that member's services;
     * <li>a service whose status the bridge last wrote here is not what the open incidents justify (another
     * environment's write landed over this one's): every service is posted again at what is justified.
     * </ul>
     * A person's end of the incident stands: nothing is corrected on an incident a person ended.
     */
    public Optional<Transition.Update> correct(Alert alert, LinkedService primary, SharedIncident incident,
            Collection<HubIncident> all, SharedIncidentPlanner.GroupView view, Instant now) {
        HubIncident hub = incident.incident();
        if (hub.endedByPerson() || hub.resolvedAsDuplicate() || hub.latest() == null) {
            return Optional.empty();
        }
        List<IncidentRef> open = incident.openMembers();
        boolean reopens = !hub.open() && !open.isEmpty();
        Map<Long, ServiceStatus> justified = new LinkedHashMap<>();
        boolean differs = false;
        for (long service : incident.services()) {
            ServiceStatus status = reopens
                    ? SharedIncidentPlanner.worst(SharedIncident.worstGiven(open, service).orElse(ServiceStatus.UP),
                            view.othersHold().get(service))
                    : Convergence.justified(all, service);
            justified.put(service, status);
            differs |= hub.bridgeWrote(service).map(written -> written != status).orElse(false);
        }
        if (!reopens && !differs) {
            return Optional.empty();
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        IncidentType type = reopens ? reopenedType(hub) : hub.latest();
        List<IncidentRef> members = open.isEmpty() ? List.of(hub.ref().orElseThrow()) : open;
        List<String> up = SharedIncidentPlanner.names(view,
                justified.entrySet().stream().filter(e -> e.getValue() == ServiceStatus.UP)
                        .map(Map.Entry::getKey).toList());
        List<String> affected = SharedIncidentPlanner.names(view, justified.entrySet().stream()
                .filter(e -> e.getValue() != ServiceStatus.UP).map(Map.Entry::getKey).toList());
        String body = reopens
                ? texts.sharedJoined(alert, primary, affected, ServiceStatus.worstOf(justified.values()), at, true, members)
                : affected.isEmpty() ? texts.sharedCorrected(primary, up, members)
                        : texts.sharedJoined(alert, primary, affected, ServiceStatus.worstOf(justified.values()), at, false,
                                members);
        return Optional.of(new Transition.Update(primary, hub.id(), IncidentDraft.shared(members.get(0), hub.title(),
                body, at, type, justified, false), Transition.Purpose.CORRECTION));
    }

    /** The type an incident reopened by a member goes back to: the newest one that held its services, else Investigating. */
    private static IncidentType reopenedType(HubIncident incident) {
        return incident.updates().stream().map(HubIncident.Update::type).filter(t -> t != null && t.holdsStatus())
                .findFirst().orElse(IncidentType.INVESTIGATING);
    }

}
