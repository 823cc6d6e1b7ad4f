package dev.alertbridge.statushub;

import java.time.Instant;
import java.util.Optional;

import dev.alertbridge.transition.IncidentType;

/**
 * One incident as the hub's list shows it: enough to tell which incidents must be read in full.
 *
 * @param id StatusHub's id
 * @param title its title
 * @param start when it started, or null
 * @param end when it ended (resolved), or null
 * @param latest the list's {@code last_incident_type}, when it says
 * @param updatedAt the time of its newest update, when the list says (then a full read can be cached by it)
 */
record IncidentSummary(String id, String title, Instant start, Instant end, Optional<IncidentType> latest,
        Instant updatedAt) {

    /** Open, or not known to be closed: only these can hold a service. */
    boolean mayBeOpen() {
        return latest.map(IncidentType::holdsStatus).orElse(end == null);
    }

    /** When it last changed, as far as the list tells: for reading the most recently active first. */
    Instant activity() {
        return updatedAt != null ? updatedAt : end != null ? end : start != null ? start : Instant.EPOCH;
    }
}
