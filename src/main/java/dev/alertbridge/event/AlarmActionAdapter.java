package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/**
 * A CloudWatch alarm action that invokes the function directly: the {@code alarmData} envelope. Its tags (alarm tag
 * propagation) are {@code alarmData.alarmTags}; a top-level {@code alarmTags} is accepted too.
 */
final class AlarmActionAdapter {

    List<Alert> adapt(JsonNode event) {
        JsonNode data = Fields.object(event, "alarmData", "$.alarmData");
        String name = Fields.identity(data, "alarmName", "$.alarmData.alarmName");
        String arn = CloudWatchAlarms.arn(Fields.checkIdentity(
                Fields.optionalText(event, "alarmArn", "$.alarmArn").orElse(""), "$.alarmArn"));
        boolean topLevel = !data.has("alarmTags") && !data.has("alarmTagsStatus")
                && (event.has("alarmTags") || event.has("alarmTagsStatus"));
        return topLevel ? CloudWatchAlarms.fromAlarmObject(name, arn, data, "$.alarmData", event, "$")
                : CloudWatchAlarms.fromAlarmObject(name, arn, data, "$.alarmData", data, "$.alarmData");
    }
}
