package dev.alertbridge.transition;

import java.time.Instant;

import dev.alertbridge.alert.ServiceStatus;

/**
 * The content of one incident write, whatever the delivery path.
 *
 * @param ref the bridge's mark, written as the body's last line
 * @param title the incident's title, markup neutralised: sent with a create only (a person's retitle stands), and
 *        with every integration-URL post (the hook shows the title of its last post)
 * @param body update text shown to public readers, ending with the ref's line
 * @param time incident start (create) or the time of this update, whole seconds
 * @param type incident type to set
 * @param status service status to set
 */
public record IncidentDraft(IncidentRef ref, String title, String body, Instant time, IncidentType type,
        ServiceStatus status) {
}
