package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/** A CloudWatch alarm action that invokes the function directly: the {@code alarmData} envelope. */
final class AlarmActionAdapter {

    List<Alert> adapt(JsonNode event) {
        JsonNode data = Fields.object(event, "alarmData", "$.alarmData");
        String name = Fields.identity(data, "alarmName", "$.alarmData.alarmName");
        String arn = CloudWatchAlarms.arn(Fields.checkIdentity(
                Fields.optionalText(event, "alarmArn", "$.alarmArn").orElse(""), "$.alarmArn"));
        return CloudWatchAlarms.fromAlarmObject(name, arn, data, "$.alarmData");
    }
}
