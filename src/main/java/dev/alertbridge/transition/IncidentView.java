package dev.alertbridge.transition;

import java.time.Instant;

import dev.alertbridge.alert.ServiceStatus;

/**
 * What StatusHub shows of one incident the bridge opened on a service.
 *
 * @param incidentId StatusHub's id
 * @param title the current title (people may have changed it)
 * @param ref the bridge's mark found in it
 * @param startTime when the incident started, or null when StatusHub did not say
 * @param latest the newest update's type, or null when unknown
 * @param clearedByBridge whether the bridge already posted its monitoring update
 * @param status the status the incident's alert gives the service (its severity: down or degraded), or null
 */
public record IncidentView(String incidentId, String title, IncidentRef ref, Instant startTime, IncidentType latest,
        boolean clearedByBridge, ServiceStatus status) {

    /** Open as far as the bridge is concerned: neither cleared by the bridge nor resolved by a person. */
    public boolean open() {
        return !clearedByBridge && latest != IncidentType.RESOLVED;
    }

    public boolean resolved() {
        return latest == IncidentType.RESOLVED;
    }
}
