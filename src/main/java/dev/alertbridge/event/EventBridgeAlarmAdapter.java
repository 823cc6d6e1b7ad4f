package dev.alertbridge.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * CloudWatch alarm events delivered by an EventBridge rule ({@code source: aws.cloudwatch}). Metric, composite and
 * multi time-series alarms use the same "Alarm State Change" shape; the per-contributor events of a multi
 * time-series alarm change nothing, so one alarm opens one incident, not one per contributor. Where the rule also
 * delivers "Alarm Configuration Change" events, a {@code delete} clears what the alarm has open (it will never send
 * its OK); a create or an update changes nothing.
 */
final class EventBridgeAlarmAdapter {
    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    static final String CONTRIBUTOR_CHANGE = "CloudWatch Alarm Contributor State Change";
    static final String CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";

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
            Alert.Builder alarm = Alert.of(AlertSource.CLOUDWATCH, arn.isEmpty() ? name : arn)
                    .knownAs(arn.isEmpty() ? List.of(name) : List.of(name, arn)).titled(name);
            if (type.equals(CONFIGURATION_CHANGE) && "delete".equalsIgnoreCase(detail.path("operation").asText())) {
                // A deleted alarm never sends its OK: its deletion is the clear of every incident it has open.
                return List.of(alarm.described("the alarm was deleted").clears("", null).at(time));
            }
            String why = type.equals(CONTRIBUTOR_CHANGE) ? "a contributor of a multi time-series alarm" : type;
            return List.of(alarm.changesNothing("").described(why).at(time));
        }
        return CloudWatchAlarms.fromAlarmObject(name, arn, detail, "$.detail", detail, "$.detail");
    }
}
