package dev.alertbridge.reconcile;

import java.time.Instant;

/**
 * A CloudWatch alarm as DescribeAlarms shows it now.
 *
 * @param name the alarm's name
 * @param arn the alarm's ARN
 * @param value ALARM, OK or INSUFFICIENT_DATA
 * @param since when the alarm last changed its state value (its current episode began)
 * @param reason the state reason, for the incident's detail
 */
public record AlarmState(String name, String arn, String value, Instant since, String reason) {

    public boolean inAlarm() {
        return "ALARM".equals(value);
    }

    public boolean ok() {
        return "OK".equals(value);
    }
}
