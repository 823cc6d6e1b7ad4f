package dev.alertbridge.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;

/**
 * The body of an Uptrends custom integration, as the template of docs/sources.md renders it. {@code Alert} (or
 * {@code Error}, the Alert API's word) opens, {@code Ok} clears; a {@code Reminder} repeats the open of its episode:
 * nothing while the episode has an incident (open, cleared, or resolved by a person), the incident when it has none
 * (a maintenance held the open back, or the first message was lost). {@code incidentKey} is shared by an error and
 * its OK; times are UTC without a zone.
 */
final class UptrendsAdapter implements SourceAdapter {

    @Override
    public Adapted adapt(JsonNode body) {
        if (!body.isObject()) {
            throw new BadEventException("$", "must be a JSON object (the Uptrends custom integration template)");
        }
        String type = Fields.text(body, "alertType", "$.alertType");
        AlertState state = switch (type.toLowerCase(Locale.ROOT)) {
            case "alert", "error", "reminder" -> AlertState.OPEN;
            case "ok" -> AlertState.CLEAR;
            default -> throw new BadEventException("$.alertType", "unknown alert type '" + Fields.excerpt(type)
                    + "' (expected Alert, Error, Ok or Reminder)");
        };
        String guid = Fields.identity(body, "monitorGuid", "$.monitorGuid");
        List<String> monitorIds = new ArrayList<>();
        Fields.optionalText(body, "monitorName", "$.monitorName")
                .map(name -> Fields.checkIdentity(name, "$.monitorName")).ifPresent(monitorIds::add);
        monitorIds.add(guid);
        String incidentKey = Fields.identity(body, "incidentKey", "$.incidentKey");
        Instant at = Fields.time(body, "timestampUtc", "$.timestampUtc");
        Instant firstError = body.hasNonNull("firstErrorUtc") ? Fields.time(body, "firstErrorUtc", "$.firstErrorUtc")
                : null;
        int level = Fields.escalationLevel(body.get("escalationLevel"), "$.escalationLevel", 1);
        String episode = "uptrends:" + incidentKey;
        Alert.Builder alert = Alert.of(AlertSource.UPTRENDS, guid).knownAs(monitorIds).atLevel(level)
                .titled(monitorIds.get(0)).described(Fields.optionalText(body, "description", "$.description")
                        .orElse(""));
        Alert.Builder stated = switch (state) {
            case OPEN -> alert.opens(episode, firstError != null ? firstError : at);
            case CLEAR -> alert.clears(episode, firstError);
            case NO_CHANGE, TEST, HEARTBEAT -> alert.changesNothing(episode);
        };
        return new Adapted(List.of(stated.at(at)), List.of());
    }
}
