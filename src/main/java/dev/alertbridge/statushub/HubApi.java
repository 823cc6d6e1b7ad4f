package dev.alertbridge.statushub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;

/**
 * The incidents of one hub, as the bridge uses StatusHub's Management API: the narrow port both the live API and
 * the dry run implement.
 */
interface HubApi {

    /** One page of the incidents whose period overlaps [since, far future]: every open one, and what ended since. */
    Page incidents(Instant since, int page, Deadline deadline);

    /** The maintenances in progress at {@code now}, every page. */
    List<HubMaintenance> maintenancesNow(Instant now, Deadline deadline);

    /** One incident in full; empty when it is listed but cannot be read (404, 403, 410). */
    Optional<HubIncident> incident(IncidentSummary summary, Deadline deadline);

    /**
     * Creates an incident; the answer's id, title, start and {@code updated_at} (each as far as StatusHub says).
     * Never repeated on its own: whether it landed is the caller's decision.
     */
    IncidentSummary create(IncidentWrite incident, Deadline deadline);

    /** Adds an update to an incident. Never repeated on its own, as a create. */
    void addUpdate(String incidentId, IncidentWrite update, Deadline deadline);

    /** What a write would send, secrets redacted (dry run and shadow mode). */
    String describe(String incidentId, IncidentWrite write);

    /**
     * One page of a list: its items, how many the answer held, and the page a {@code Link: rel="next"} names.
     */
    record Page(List<IncidentSummary> items, int size, Optional<Integer> linkNext) {
    }
}
