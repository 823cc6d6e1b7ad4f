package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/** A CloudWatch alarm action that invokes the function directly: the {@code alarmData} envelope. */
final class AlarmActionAdapter implements SourceAdapter {

    @Override
    public List<Alert> adapt(JsonNode event) {
        JsonNode data = Fields.object(event, "alarmData", "$.alarmData");
        String name = Fields.identity(data, "alarmName", "$.alarmData.alarmName");
        String arn = CloudWatchAlarms.arn(Fields.checkIdentity(
                Fields.optionalText(event, "alarmArn", "$.alarmArn").orElse(""), "$.alarmArn"));
        JsonNode state = Fields.object(data, "state", "$.alarmData.state");
        JsonNode previous = data.get("previousState");
        JsonNode configuration = data.get("configuration");
        boolean silenced = (data.hasNonNull("muteDetail") && data.get("muteDetail").size() > 0)
                || state.hasNonNull("actionsSuppressedBy");
        return CloudWatchAlarms.one(CloudWatchAlarms.alert(new CloudWatchAlarms.StateChange(name, arn,
                Fields.text(state, "value", "$.alarmData.state.value"),
                Fields.time(state, "timestamp", "$.alarmData.state.timestamp"),
                previous == null ? ""
                        : Fields.optionalText(previous, "value", "$.alarmData.previousState.value").orElse(""),
                previous == null || !previous.hasNonNull("timestamp") ? null
                        : Fields.time(previous, "timestamp", "$.alarmData.previousState.timestamp"),
                Fields.optionalText(state, "reason", "$.alarmData.state.reason").orElse(""),
                configuration == null ? ""
                        : Fields.optionalText(configuration, "description", "$.alarmData.configuration.description")
                                .orElse(""),
                CloudWatchAlarms.escalationLevel(data.get("alarmTags"), "$.alarmData.alarmTags"), silenced),
                "$.alarmData.state.value"));
    }
}
