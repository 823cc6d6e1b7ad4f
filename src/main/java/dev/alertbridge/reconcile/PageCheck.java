package dev.alertbridge.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.Transition;

/**
 * The reconciliation's check of every linked Management API service: what the bridge's own newest write there set
 * (on its most recently active incident on the service) against what the open incidents justify. A difference is
 * what a lost correction left (an environment that stopped between its write and its check); the correction goes on
 * that incident, keeping its type, never on a person's. A status a person set on the bridge's incident is not the
 * bridge's write: it stands until the bridge's next own transition there.
 */
final class PageCheck {
    private final Convergence convergence = new Convergence(new PageTexts());

    /** What the check found, and whether it reached every service ({@code complete}). */
    record Checked(List<Finding> found, boolean complete) {
    }

    /** The findings of the check, each corrected when {@code repair} and the service is written live. */
    Checked run(StatusHubSession session, List<LinkedService> services, boolean repair, Deadline deadline,
            Instant now, List<String> notes) {
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            if (deadline.remaining().compareTo(Reconciler.STOP_MARGIN) < 0) {
                notes.add("no time left to check the page of " + services.subList(i, services.size()).stream()
                        .map(LinkedService::id).toList() + ": the next run does");
                return new Checked(found, false);
            }
            LinkedService service = services.get(i);
            Optional<Transition.Update> correction = check(session, service, now);
            if (correction.isEmpty()) {
                continue;
            }
            String status = correction.get().draft().status().wireName();
            boolean writes = repair && service.mode() == WriteMode.LIVE;
            if (writes) {
                session.write(correction.get());
            }
            found.add(new Finding.StatusNotJustified(Finding.Verdict.of(writes), service.id(),
                    (writes ? "corrected to " : "would correct to ") + status, correction.get().incidentId()));
        }
        return new Checked(found, true);
    }

    /** What the page needs, if it is wrong: the correction, on the bridge's incident whose write it undoes. */
    Optional<Transition.Update> check(StatusHubSession session, LinkedService service, Instant now) {
        long serviceId = service.service().serviceId();
        Optional<HubIncident> last = session.incidents().stream().filter(i -> i.bridgeWroteService(serviceId))
                .max(Comparator.comparing(PageCheck::lastActive, Comparator.nullsFirst(Comparator.naturalOrder())));
        return last.flatMap(incident -> incident.bridgeWrote(serviceId).flatMap(written -> convergence.correct(
                service, incident, written, session.incidents(), now)));
    }

    /** When the incident last changed, as far as its updates say (else when it started). */
    private static Instant lastActive(HubIncident incident) {
        return incident.updates().stream().map(HubIncident.Update::createdAt).filter(t -> t != null).findFirst()
                .orElse(incident.start());
    }
}
