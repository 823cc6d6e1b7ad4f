package dev.alertbridge.transition;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.alertbridge.alert.ServiceStatus;

/**
 * The content of one incident write, whatever the delivery path.
 *
 * @param ref the bridge's mark, written as the body's last line (a shared incident's: its first member)
 * @param title the incident's title, markup neutralised: sent with a create only (a person's retitle stands), and
 *        with every integration-URL post (the hook shows the title of its last post)
 * @param body update text shown to public readers, ending with the reference line
 * @param time incident start (create) or the time of this update, whole seconds
 * @param type incident type to set
 * @param status service status to set (the one service's; a shared incident's worst)
 * @param statuses a shared incident's write: every service of the incident with its status (empty: the one service
 *        of the write, at {@code status})
 * @param retitles an update of a shared incident that sends {@code title} too (a join that changed the page while
 *        the title is still the bridge's)
 */
public record IncidentDraft(IncidentRef ref, String title, String body, Instant time, IncidentType type,
        ServiceStatus status, Map<Long, ServiceStatus> statuses, boolean retitles) {

    public IncidentDraft {
        // In the incident's order of services: lists and titles name them so.
        statuses = statuses == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }

    /** A write to one service. */
    public static IncidentDraft of(IncidentRef ref, String title, String body, Instant time, IncidentType type,
            ServiceStatus status) {
        return new IncidentDraft(ref, title, body, time, type, status, Map.of(), false);
    }

    /** A write to a shared incident, naming every one of its services with its status. */
    public static IncidentDraft shared(IncidentRef ref, String title, String body, Instant time, IncidentType type,
            Map<Long, ServiceStatus> statuses, boolean retitles) {
        ServiceStatus worst = ServiceStatus.worstOf(statuses.values());
        return new IncidentDraft(ref, title, body, time, type, worst, statuses, retitles);
    }

    /** The statuses this write sets, by StatusHub service id. */
    public Map<Long, ServiceStatus> statusesOn(long serviceId) {
        return statuses.isEmpty() ? Map.of(serviceId, status) : statuses;
    }
}
