package dev.alertbridge.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * CloudWatch alarm events delivered by an EventBridge rule ({@code source: aws.cloudwatch}). Metric, composite and
 * multi time-series alarms use the same "Alarm State Change" shape; the per-contributor events of a multi
 * time-series alarm change nothing, so one alarm opens one incident, not one per contributor.
 */
final class EventBridgeAlarmAdapter {
    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    static final String CONTRIBUTOR_CHANGE = "CloudWatch Alarm Contributor State Change";

    List<Alert> adapt(JsonNode event) {
        String type = Fields.text(event, "detail-type", "$.detail-type");
        JsonNode detail = Fields.object(event, "detail", "$.detail");
        String name = Fields.identity(detail, "alarmName", "$.detail.alarmName");
        JsonNode resources = event.get("resources");
        String arn = resources != null && resources.isArray() && resources.size() > 0 && resources.get(0).isTextual()
                ? CloudWatchAlarms.arn(Fields.checkIdentity(resources.get(0).asText(), "$.resources[0]"))
                : "";
        if (!type.equals(STATE_CHANGE)) {
            if (!type.startsWith("CloudWatch Alarm")) {
                throw new BadEventException("$.detail-type", "not a CloudWatch alarm event: '" + Fields.excerpt(type)
                        + "'");
            }
            Instant time = Fields.optionalText(event, "time", "$.time").map(t -> Timestamps.parse(t, "$.time"))
                    .orElse(Instant.EPOCH);
            String why = type.equals(CONTRIBUTOR_CHANGE) ? "a contributor of a multi time-series alarm" : type;
            return List.of(Alert.of(AlertSource.CLOUDWATCH, arn.isEmpty() ? name : arn).knownAs(List.of(name))
                    .changesNothing("").titled(name).described(why).at(time));
        }
        return CloudWatchAlarms.fromAlarmObject(name, arn, detail, "$.detail");
    }
}
