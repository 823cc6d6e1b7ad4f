package dev.alertbridge.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.AlarmArn;
import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.EscalationTag;
import dev.alertbridge.alert.LinkTags;

/**
 * The alarm semantics shared by the three CloudWatch paths (EventBridge, SNS, alarm action).
 *
 * <p>
 * ALARM opens, OK clears, INSUFFICIENT_DATA changes nothing. The alert is the alarm (its ARN); the episode is the
 * ARN plus the time it entered ALARM, which an OK event carries as the previous state's timestamp. An ALARM → ALARM
 * update (a composite or multi time-series alarm whose reason changed, an SNS "still in ALARM") is a continuation,
 * naming the episode by the previous state's timestamp where the envelope has one: it continues the alarm's open
 * incident, or opens the one a lost event never opened, but never one a person resolved (the alarm has not left
 * ALARM since). An ALARM while the alarm is muted or its actions are suppressed changes nothing (the team asked for
 * silence), but an OK still clears, so the page never stays down.
 */
final class CloudWatchAlarms {
    private CloudWatchAlarms() {
    }

    /**
     * One alarm state change, as the three envelopes describe it.
     *
     * @param silenced this state came while the alarm was muted or its actions suppressed
     * @param periodSilenced (an OK) the ALARM period it ends was muted or suppressed, as far as the event says
     */
    record StateChange(String name, String arn, String state, Instant stateTime, String previousState,
            Instant previousTime, String reason, String description, int escalationLevel, boolean silenced,
            boolean periodSilenced, LinkTags linkTags) {
    }

    static Alert alert(StateChange change, String where) {
        String identity = change.arn().isEmpty() ? change.name() : change.arn();
        List<String> monitorIds = change.arn().isEmpty() ? List.of(change.name()) : List.of(change.name(), change.arn());
        String description = change.description().isEmpty() ? change.reason() : change.description();
        Alert.Builder alert = Alert.of(AlertSource.CLOUDWATCH, identity).knownAs(monitorIds)
                .atLevel(change.escalationLevel()).titled(change.name()).described(description)
                .declaring(change.linkTags());
        switch (change.state().toUpperCase(Locale.ROOT)) {
            case "ALARM" -> {
                // ALARM → ALARM: the error was under way; EventBridge says since when, SNS does not.
                boolean repeat = "ALARM".equalsIgnoreCase(change.previousState());
                Instant began = repeat ? change.previousTime() : change.stateTime();
                String episode = began == null ? "" : identity + "@" + began;
                if (change.silenced()) {
                    alert.changesNothing(episode);
                } else if (repeat) {
                    alert.continues(episode, began);
                } else {
                    alert.opens(episode, began);
                }
                if ("INSUFFICIENT_DATA".equalsIgnoreCase(change.previousState())) {
                    alert.afterNoData();
                }
            }
            case "OK" -> {
                boolean named = "ALARM".equalsIgnoreCase(change.previousState()) && change.previousTime() != null;
                alert.clears(named ? identity + "@" + change.previousTime() : "",
                        named ? change.previousTime() : null);
                if (change.periodSilenced()) {
                    alert.silencedPeriod();
                }
            }
            case "INSUFFICIENT_DATA" -> alert.changesNothing("");
            default -> throw new BadEventException(where, "unknown alarm state '" + Fields.excerpt(change.state())
                    + "' (expected ALARM, OK or INSUFFICIENT_DATA)");
        }
        return alert.at(change.stateTime());
    }

    /**
     * The alarm as EventBridge's {@code detail} and the alarm action's {@code alarmData} both describe it: the same
     * fields under another envelope, found at {@code at}; its tags (alarm tag propagation) on {@code tagged}, found
     * at {@code taggedAt}.
     */
    static List<Alert> fromAlarmObject(String name, String arn, JsonNode alarm, String at, JsonNode tagged,
            String taggedAt) {
        JsonNode state = Fields.object(alarm, "state", at + ".state");
        JsonNode previous = alarm.get("previousState");
        JsonNode configuration = alarm.get("configuration");
        JsonNode mute = alarm.hasNonNull("muteDetail") && alarm.get("muteDetail").size() > 0 ? alarm.get("muteDetail")
                : null;
        boolean silenced = mute != null || state.hasNonNull("actionsSuppressedBy");
        Instant previousTime = previous == null || !previous.hasNonNull("timestamp") ? null
                : Fields.time(previous, "timestamp", at + ".previousState.timestamp");
        boolean periodSilenced = previous != null && previous.hasNonNull("actionsSuppressedBy")
                || mute != null && mutedAt(mute, previousTime, at + ".muteDetail");
        return one(alert(new StateChange(name, arn,
                Fields.text(state, "value", at + ".state.value"),
                Fields.time(state, "timestamp", at + ".state.timestamp"),
                previous == null ? "" : Fields.optionalText(previous, "value", at + ".previousState.value").orElse(""),
                previousTime, Fields.optionalText(state, "reason", at + ".state.reason").orElse(""),
                configuration == null ? ""
                        : Fields.optionalText(configuration, "description", at + ".configuration.description")
                                .orElse(""),
                escalationLevel(tagged.get("alarmTags"), taggedAt + ".alarmTags"), silenced, periodSilenced,
                linkTags(tagged.get("alarmTags"), tagged.get("alarmTagsStatus"))), at + ".state.value"));
    }

    /** Whether the mute window covers that time (a window without times covers every time). */
    private static boolean mutedAt(JsonNode mute, Instant time, String where) {
        if (time == null) {
            return false;
        }
        Instant start = mute.hasNonNull("muteWindowStart") ? Fields.time(mute, "muteWindowStart",
                where + ".muteWindowStart") : null;
        Instant end = mute.hasNonNull("muteWindowEnd") ? Fields.time(mute, "muteWindowEnd", where + ".muteWindowEnd")
                : null;
        return (start == null || !start.isAfter(time)) && (end == null || !end.isBefore(time));
    }

    /** The escalation level from alarm tags ({@code escalation_level}, {@code EscalationLevel}…), else 1. */
    static int escalationLevel(JsonNode tags, String where) {
        if (tags == null || !tags.isObject()) {
            return 1;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (EscalationTag.isEscalationTag(tag.getKey())) {
                return Fields.escalationLevel(tag.getValue(), where + "." + tag.getKey(), 1);
            }
        }
        return 1;
    }

    /**
     * The alarm's link tags where the event carries them: its tags status says {@code SUCCESS} (the tags may then be
     * none at all). Any other status, or none (propagation off), says they were not included: they must be read.
     */
    static LinkTags linkTags(JsonNode tags, JsonNode status) {
        if (status == null || !"SUCCESS".equals(status.asText())) {
            return LinkTags.UNKNOWN;
        }
        Map<String, String> values = new HashMap<>();
        if (tags != null && tags.isObject()) {
            tags.fields().forEachRemaining(tag -> {
                if (tag.getValue().isTextual()) {
                    values.put(tag.getKey(), tag.getValue().asText());
                }
            });
        } else if (tags != null && tags.isArray()) {
            // The API's own shape ([{"Key": ..., "Value": ...}]), should a message carry the tags as AWS lists them.
            tags.forEach(tag -> {
                if (tag.path("Key").isTextual() && tag.path("Value").isTextual()) {
                    values.put(tag.get("Key").asText(), tag.get("Value").asText());
                }
            });
        }
        return LinkTags.of(AlertSource.CLOUDWATCH, values);
    }

    /** An alarm's ARN as AWS writes it ({@link AlarmArn}); other text as it is, trimmed. */
    static String arn(String text) {
        return text == null ? "" : AlarmArn.parse(text).map(AlarmArn::toString).orElse(text.trim());
    }

    static List<Alert> one(Alert alert) {
        List<Alert> alerts = new ArrayList<>(1);
        alerts.add(alert);
        return alerts;
    }
}
