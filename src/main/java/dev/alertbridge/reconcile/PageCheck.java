package dev.alertbridge.pipeline;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.Transition;

/**
 * The reconciliation's check of one linked service: what the bridge's most recent write there set (on its most
 * recently active incident on the service) against what the open incidents justify. A difference is what a lost
 * correction left (an environment that stopped between its write and its check); the correction goes on that
 * incident, keeping its type, never on a person's.
 */
public final class PageCheck {
    private final Convergence convergence = new Convergence(new PageTexts());

    /** What the page needs, if it is wrong: the correction, on the bridge's incident whose write it undoes. */
    public Optional<Transition.Update> check(StatusHubSession session, LinkedService service, Instant now) {
        long serviceId = service.service().serviceId();
        Optional<HubIncident> last = session.incidents().stream().filter(i -> i.bridgeWroteService(serviceId))
                .max(Comparator.comparing(PageCheck::lastActive, Comparator.nullsFirst(Comparator.naturalOrder())));
        return last.flatMap(incident -> convergence.correct(service, incident, written(incident, serviceId),
                session.incidents(), now));
    }

    /** When the incident last changed, as far as its updates say (else when it started). */
    private static Instant lastActive(HubIncident incident) {
        return incident.updates().stream().map(HubIncident.Update::createdAt).filter(t -> t != null).findFirst()
                .orElse(incident.start());
    }

    private static ServiceStatus written(HubIncident incident, long serviceId) {
        return incident.updates().stream().filter(u -> u.statuses().containsKey(serviceId)).findFirst()
                .map(u -> u.statuses().get(serviceId)).orElse(ServiceStatus.UP);
    }
}
