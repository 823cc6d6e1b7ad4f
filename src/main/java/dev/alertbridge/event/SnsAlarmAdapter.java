package dev.alertbridge.event;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;

/**
 * CloudWatch alarms published to an SNS topic: each record's {@code Sns.Message} is the alarm as a JSON string.
 * SNS messages do not say when the alarm entered ALARM, so an OK clears the alarm's open incident on each service
 * rather than naming its episode. {@code Region} is a display name ("EU (Ireland)"): the ARN is the identity.
 */
final class SnsAlarmAdapter {
    private final ObjectMapper json;

    SnsAlarmAdapter(ObjectMapper json) {
        this.json = json;
    }

    List<Alert> adapt(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new BadEventException("$.Records", "must be a non-empty array of SNS records");
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String where = "$.Records[" + i + "]";
            JsonNode sns = Fields.object(records.get(i), "Sns", where + ".Sns");
            alerts.add(alarm(message(Fields.text(sns, "Message", where + ".Sns.Message"), where + ".Sns.Message"),
                    where + ".Sns.Message"));
        }
        return alerts;
    }

    private JsonNode message(String text, String where) {
        try {
            JsonNode message = json.readTree(text);
            if (message == null || !message.isObject()) {
                throw new BadEventException(where, "must be a JSON object (a CloudWatch alarm notification)");
            }
            return message;
        } catch (JsonProcessingException e) {
            throw new BadEventException(where, Fields.jsonProblem(e));
        }
    }

    private Alert alarm(JsonNode message, String where) {
        String name = Fields.identity(message, "AlarmName", where + ".AlarmName");
        String arn = CloudWatchAlarms.arn(Fields.checkIdentity(
                Fields.optionalText(message, "AlarmArn", where + ".AlarmArn").orElse(""), where + ".AlarmArn"));
        JsonNode tags = message.has("AlarmTags") ? message.get("AlarmTags") : message.get("alarmTags");
        JsonNode tagsStatus = message.has("AlarmTagsStatus") ? message.get("AlarmTagsStatus")
                : message.get("alarmTagsStatus");
        return CloudWatchAlarms.alert(new CloudWatchAlarms.StateChange(name, arn,
                Fields.text(message, "NewStateValue", where + ".NewStateValue"),
                Fields.time(message, "StateChangeTime", where + ".StateChangeTime"),
                Fields.optionalText(message, "OldStateValue", where + ".OldStateValue").orElse(""),
                null,
                Fields.optionalText(message, "NewStateReason", where + ".NewStateReason").orElse(""),
                Fields.optionalText(message, "AlarmDescription", where + ".AlarmDescription").orElse(""),
                CloudWatchAlarms.escalationLevel(tags, where + ".AlarmTags"), false, false,
                CloudWatchAlarms.linkTags(tags, tagsStatus)),
                where + ".NewStateValue");
    }
}
