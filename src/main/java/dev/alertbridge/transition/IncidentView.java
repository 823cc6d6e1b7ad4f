package dev.alertbridge.transition;

import java.time.Instant;

/**
 * What StatusHub shows of the incident the bridge opened for one alert on one service.
 *
 * @param incidentId StatusHub's id
 * @param title the current title (people may have changed it)
 * @param ref the bridge's mark found in it
 * @param startTime when the incident started
 * @param latest the newest update's type
 * @param clearedByBridge whether the bridge already posted its monitoring update
 */
public record IncidentView(String incidentId, String title, IncidentRef ref, Instant startTime, IncidentType latest,
        boolean clearedByBridge) {
}
