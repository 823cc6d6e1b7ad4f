package dev.alertbridge.reconcile;

import java.time.Instant;
import java.util.List;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * A CloudWatch alarm as DescribeAlarms shows it now.
 *
 * @param name the alarm's name
 * @param arn the alarm's ARN
 * @param value ALARM, OK or INSUFFICIENT_DATA
 * @param since when the alarm last changed its state value (its current episode began)
 * @param reason the state reason, for the incident's detail
 * @param suppressed a composite alarm whose actions are suppressed now ({@code ActionsSuppressedBy}: the team's
 *        maintenance alarm): the event path opens nothing for its ALARM, and neither does the reconciliation
 */
public record AlarmState(String name, String arn, String value, Instant since, String reason, boolean suppressed) {

    /** The alarm as an alert, named as its events name it: by its ARN, known by its name and its ARN. */
    public Alert.Builder asAlert() {
        return Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of(name, arn));
    }

    public boolean inAlarm() {
        return "ALARM".equals(value);
    }

    public boolean ok() {
        return "OK".equals(value);
    }
}
