package dev.alertbridge.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.LinkTags;

/**
 * Prometheus Alertmanager (webhook version 4) and Grafana alerting (version 1) notifications: one group, many
 * alerts, firing and resolved mixed. Each alert is its own transition, identified by fingerprint + startsAt, so a
 * re-sent group changes nothing and the same label set firing again later is a new incident. Links match the
 * {@code alertname} label, which is also the alert's title ({@code {alert}}): the rule's name (Grafana sends its rule
 * title there, and no other field names the rule); the {@code description} annotation, else the {@code summary}
 * (typically hosts), is its description. An {@code escalation_level} label selects the level; {@code statushub_*}
 * labels may declare the alert's own link ({@link LinkTags}). Each alert stands alone: one that cannot be used (a bad
 * label, a missing fingerprint) is skipped and named, the others are applied.
 *
 * <p>
 * Grafana's <em>Test</em> button on a contact point sends a notification whose only alert is labelled
 * {@code alertname=TestAlert} and {@code instance=Grafana}: it is a test, never an incident. Both labels and the lone
 * alert are required, and only from Grafana, so a real rule named TestAlert (in a group, or from Alertmanager) still
 * opens one.
 */
final class GroupedAlertsAdapter implements SourceAdapter {
    private static final Logger LOG = Logger.getLogger(GroupedAlertsAdapter.class);
    private final AlertSource source;

    GroupedAlertsAdapter(AlertSource source) {
        this.source = source;
    }

    @Override
    public Adapted adapt(JsonNode body) {
        JsonNode alerts = alerts(body);
        List<Alert> usable = new ArrayList<>();
        List<Adapted.Unusable> unusable = new ArrayList<>();
        boolean lone = alerts.size() == 1;
        for (int i = 0; i < alerts.size(); i++) {
            try {
                usable.add(alert(alerts.get(i), "$.alerts[" + i + "]", lone));
            } catch (BadEventException e) {
                unusable.add(new Adapted.Unusable("$.alerts[" + i + "]", e.getMessage()));
            }
        }
        return new Adapted(usable, unusable);
    }

    /** The group's alerts array; a body that is not a group at all fails whole. */
    private JsonNode alerts(JsonNode body) {
        if (!body.isObject()) {
            throw new BadEventException("$", "must be a JSON object (a " + source.linkName() + " webhook notification)");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || alerts.isNull()) {
            throw new BadEventException("$.alerts", "missing array of alerts");
        }
        if (!alerts.isArray()) {
            throw new BadEventException("$.alerts", "must be an array of alerts");
        }
        JsonNode truncated = body.get("truncatedAlerts");
        if (truncated != null && truncated.asInt(0) > 0) {
            LOG.warnf("%s dropped %d alerts from this notification (max_alerts): they reach the bridge only when "
                    + "re-sent", source.linkName(), truncated.asInt());
        }
        return alerts;
    }

    private Alert alert(JsonNode alert, String where, boolean lone) {
        if (!alert.isObject()) {
            throw new BadEventException(where, "must be an object");
        }
        String status = Fields.text(alert, "status", where + ".status");
        JsonNode labels = Fields.object(alert, "labels", where + ".labels");
        String alertname = Fields.identity(labels, "alertname", where + ".labels.alertname");
        String fingerprint = Fields.identity(alert, "fingerprint", where + ".fingerprint");
        Instant startsAt = Fields.time(alert, "startsAt", where + ".startsAt");
        Instant endsAt = alert.hasNonNull("endsAt") ? Fields.time(alert, "endsAt", where + ".endsAt") : null;
        AlertState state = switch (status) {
            case "firing" -> AlertState.OPEN;
            case "resolved" -> AlertState.CLEAR;
            default -> throw new BadEventException(where + ".status", "must be firing or resolved, not '"
                    + Fields.excerpt(status) + "'");
        };
        Instant at = state == AlertState.CLEAR && endsAt != null && !Timestamps.isUnset(endsAt) ? endsAt : startsAt;
        JsonNode annotations = alert.get("annotations");
        String summary = annotations == null || !annotations.isObject() ? ""
                : Fields.optionalText(annotations, "summary", where + ".annotations.summary").orElse("");
        String description = annotations == null || !annotations.isObject() ? ""
                : Fields.optionalText(annotations, "description", where + ".annotations.description").orElse(summary);
        int level = Fields.escalationLevel(labels.get("escalation_level"), where + ".labels.escalation_level", 1);
        String episode = source.linkName() + ":" + fingerprint + "@" + startsAt;
        Alert.Builder built = Alert.of(source, source.linkName() + ":" + fingerprint).knownAs(List.of(alertname))
                .atLevel(level).titled(alertname).described(description).declaring(linkTags(labels));
        if (lone && isGrafanaTest(labels)) {
            return built.isATest().at(at);
        }
        return (state == AlertState.OPEN ? built.opens(episode, startsAt) : built.clears(episode, startsAt)).at(at);
    }

    /** The alert's {@code statushub_*} labels: what it says of its own link (a label that is not text says nothing). */
    private LinkTags linkTags(JsonNode labels) {
        Map<String, String> values = new HashMap<>();
        for (String field : List.of(LinkTags.SERVICES, LinkTags.STATUS, LinkTags.GROUP)) {
            JsonNode label = labels.get(LinkTags.key(source, field));
            if (label != null && label.isTextual()) {
                values.put(LinkTags.key(source, field), label.asText());
            }
        }
        return LinkTags.of(source, values);
    }

    /** The labels Grafana gives the alert of a contact point's test notification. */
    private boolean isGrafanaTest(JsonNode labels) {
        return source == AlertSource.GRAFANA && "TestAlert".equals(labels.path("alertname").asText())
                && "Grafana".equals(labels.path("instance").asText());
    }
}
