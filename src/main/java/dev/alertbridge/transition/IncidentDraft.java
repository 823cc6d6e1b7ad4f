package dev.alertbridge.transition;

import java.time.Instant;

import dev.alertbridge.alert.ServiceStatus;

/**
 * The content of one incident write, whatever the delivery path.
 *
 * @param ref the bridge's mark; also the integration-URL incident id
 * @param title incident title, markup neutralised
 * @param body update text shown to public readers, ending with the ref
 * @param time incident start (create) or the time of this update, whole seconds
 * @param type incident type to set
 * @param status service status to set
 */
public record IncidentDraft(IncidentRef ref, String title, String body, Instant time, IncidentType type,
        ServiceStatus status) {
}
