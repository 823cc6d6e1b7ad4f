package dev.alertbridge.transition;

import java.time.Instant;
import java.util.Set;

/**
 * A maintenance scheduled in StatusHub and in progress now: while it lasts, an alert opens no incident on its
 * services (the team announced the work; {@code "maintenance": "post"} turns this off).
 *
 * @param title its title, for the report
 * @param end when it is planned to end, or null when StatusHub does not say
 * @param serviceIds the services it covers
 */
public record HubMaintenance(String title, Instant end, Set<Long> serviceIds) {
    public HubMaintenance {
        serviceIds = Set.copyOf(serviceIds);
    }
}
