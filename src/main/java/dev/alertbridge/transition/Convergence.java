package dev.alertbridge.transition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * The page converges whatever interleaves: a service shows the worst status among every open incident on it (none
 * open: up). Writes from several execution environments can land in any order, so after a write that sets a
 * service's status the bridge reads the service's open incidents again and, where they justify another status than
 * the one its own last write set, posts that status on its own incident (never on a person's), keeping the
 * incident's type. Whoever wrote a wrong status re-reads after its own write landed, so comparing with its own
 * write is enough.
 */
public final class Convergence {
    private final PageTexts texts;

    public Convergence(PageTexts texts) {
        this.texts = texts;
    }

    /** The status the open incidents on the service justify. */
    public static ServiceStatus justified(Collection<HubIncident> incidents, long serviceId) {
        return incidents.stream().map(i -> i.holds(serviceId)).flatMap(Optional::stream)
                .reduce(ServiceStatus.UP, ServiceStatus::worst);
    }

    /** The status the open incidents on the service justify, leaving one out (a duplicate being resolved). */
    public static ServiceStatus justifiedWithout(Collection<HubIncident> incidents, long serviceId, String except) {
        return justified(incidents.stream().filter(i -> !i.id().equals(except)).toList(), serviceId);
    }

    /** The other open incident holding the service at the worst status, leaving one out, if any. */
    public static Optional<ServiceView.Held> holding(Collection<HubIncident> incidents, long serviceId,
            String except) {
        List<ServiceView.Held> held = new ArrayList<>();
        for (HubIncident incident : incidents) {
            if (!incident.id().equals(except)) {
                incident.held(serviceId).ifPresent(held::add);
            }
        }
        return ServiceView.Held.worst(held);
    }

    /**
     * The correction of a service whose own last write set {@code written}, posted on {@code own} (the alert's
     * incident that write went to); empty when the page is right, or when the incident is no longer the bridge's to
     * change (a person resolved it).
     */
    public Optional<Transition.Update> correct(LinkedService service, HubIncident own, ServiceStatus written,
            Collection<HubIncident> incidents, Instant now) {
        long serviceId = service.service().serviceId();
        ServiceStatus justified = justified(incidents, serviceId);
        IncidentType type = own.latest();
        if (justified == written || type == null || type == IncidentType.RESOLVED || own.ref().isEmpty()) {
            return Optional.empty();
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        IncidentRef ref = type == IncidentType.MONITORING ? own.ref().get().clearedAt(clearedAt(own, at))
                : own.ref().get();
        // Held by the incident itself (a person reopened it, another incident it was written over ended): no other
        // incident to point to.
        Optional<ServiceView.Held> holding = own.holds(serviceId).filter(justified::equals).isPresent()
                ? Optional.empty()
                : holding(incidents, serviceId, own.id());
        return Optional.of(new Transition.Update(service, own.id(), IncidentDraft.of(ref, own.title(),
                texts.correction(service, justified, holding, own.start(), at, ref), at, type, justified),
                Transition.Purpose.CORRECTION));
    }

    /** A correction keeps the time the clear named, so a flap is still counted from the clear. */
    private static Instant clearedAt(HubIncident own, Instant fallback) {
        return own.clearedAt().orElse(fallback);
    }
}
