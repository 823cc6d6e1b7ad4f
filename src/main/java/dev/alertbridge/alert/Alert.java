package dev.alertbridge.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One alert transition, normalized from any source.
 *
 * <p>
 * {@code alertKey} is what the source keeps state for, and so what the bridge keeps one open incident per
 * service for: a CloudWatch alarm (its ARN), an Uptrends monitor (its GUID), one Alertmanager or Grafana alert
 * (its label fingerprint). Names people change are not part of it.
 *
 * <p>
 * {@code incidentKey} is the source's own identity of one error episode (Uptrends incidentKey,
 * Alertmanager fingerprint + startsAt, CloudWatch alarm ARN + the time it entered ALARM): the open and
 * the clear of one episode carry the same key, two episodes of one monitor carry different keys. It is
 * empty when a clear cannot name its episode (e.g. an alarm that went ALARM → INSUFFICIENT_DATA → OK);
 * a clear ends every open incident of the alert anyway.
 *
 * @param source where the alert came from
 * @param monitorIds every identity a service link may name (alarm name and ARN, monitor GUID and name…)
 * @param alertKey the stable identity of the alert (see above)
 * @param escalationLevel 1–3
 * @param state open, clear or nothing
 * @param incidentKey the episode's identity, or empty (see above)
 * @param openedAt when the episode began, if known
 * @param at when this transition happened
 * @param title human-readable title for the incident
 * @param description human-readable detail
 * @param link a URL back to the source, or empty
 */
public record Alert(
        AlertSource source,
        List<String> monitorIds,
        String alertKey,
        int escalationLevel,
        AlertState state,
        String incidentKey,
        Instant openedAt,
        Instant at,
        String title,
        String description,
        String link) {

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        monitorIds = List.copyOf(monitorIds);
        Objects.requireNonNull(alertKey, "alertKey");
        incidentKey = incidentKey == null ? "" : incidentKey;
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        link = link == null ? "" : link;
    }

    /** The name people know the monitor by: the first identity. */
    public String monitor() {
        return monitorIds.isEmpty() ? "" : monitorIds.get(0);
    }

    public boolean hasIncidentKey() {
        return !incidentKey.isEmpty();
    }
}
