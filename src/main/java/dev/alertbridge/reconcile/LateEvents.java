package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.AlarmArn;
import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeSettings;

/**
 * A CloudWatch event that arrives late (Lambda retries a failed event about 1 and 3 minutes after it; SNS may
 * deliver out of order) may describe a state the alarm has left. When an ALARM or a clear is older than
 * {@code lateAlarmAfter} (30 s: a first delivery comes within seconds), the alarm's current state is read
 * (DescribeAlarms, metric and composite alarms):
 * <ul>
 * <li>an ALARM whose alarm is OK now opens nothing;
 * <li>an ALARM while the alarm is in ALARM opens (or continues) the current ALARM period, which then has its start:
 * an ALARM → ALARM update learns when the error began;
 * <li>a clear older than the alarm's current ALARM period clears nothing: the alarm fired again after it.
 * </ul>
 * An alarm CloudWatch does not show (another account or region, no permission) or cannot be asked about (dry run,
 * unreachable) is applied as the event says, and the report says so; a refusal ({@code AccessDenied}) names the
 * permission the role lacks. Recent events never pay for the call.
 */
@ApplicationScoped
public class LateEvents {
    private static final Logger LOG = Logger.getLogger(LateEvents.class);
    /** The check is a courtesy to the page, not a dependency: an unresponsive CloudWatch costs at most this. */
    private static final Duration LOOKUP_BOUND = Duration.ofSeconds(2);

    private final CloudWatchAlarmStates alarms;
    private final BridgeSettings settings;

    public LateEvents(CloudWatchAlarmStates alarms, BridgeSettings settings) {
        this.alarms = alarms;
        this.settings = settings;
    }

    /** The event as it stands now, and what the report should say about the check (null when none was made). */
    public record Checked(Alert alert, String note) {
    }

    public Checked checked(Alert alert, Deadline deadline, Instant now) {
        if (alert.source() != AlertSource.CLOUDWATCH || alert.state() == AlertState.NO_CHANGE
                || Duration.between(alert.at(), now).compareTo(settings.reconcile().lateAlarmAfter()) <= 0) {
            return new Checked(alert, null);
        }
        String event = (alert.state() == AlertState.OPEN ? "ALARM" : "OK") + " of " + alert.monitor();
        if (settings.dryRun()) {
            return new Checked(alert, "late " + event + " applied as it says: a dry run does not ask CloudWatch");
        }
        Optional<AlarmState> current;
        try {
            current = alarms.named(alert.monitor(), deadline.halfLeft(LOOKUP_BOUND))
                    .filter(state -> sameAlarm(alert, state));
        } catch (CloudWatchAlarmStates.AlarmStatesDeniedException e) {
            // Permanent until the role is fixed: say what is missing and what it costs, every time.
            LOG.errorf("late %s not checked against its current state: %s", event, e.getMessage());
            return new Checked(alert, "late " + event + " applied as it says: the late-event protections are off "
                    + "(a retried ALARM after its OK may open, a late OK may clear a newer ALARM): " + e.getMessage());
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            LOG.warnf("late %s not checked against its current state: %s", event, e.getMessage());
            return new Checked(alert, "late " + event + " applied as it says: CloudWatch could not be asked");
        } catch (RuntimeException e) {
            // Anything else from the client (a malformed endpoint override, an unreadable answer): the same, by type.
            LOG.warnf("late %s not checked against its current state: %s", event, e.getClass().getSimpleName());
            return new Checked(alert, "late " + event + " applied as it says: CloudWatch could not be asked");
        }
        if (current.isEmpty() || current.get().since() == null) {
            return new Checked(alert, "late " + event + " applied as it says: CloudWatch does not show the alarm "
                    + "(another account or region, or no permission)");
        }
        AlarmState now_ = current.get();
        Instant since = now_.since().truncatedTo(ChronoUnit.SECONDS);
        if (alert.state() == AlertState.OPEN) {
            if (now_.ok()) {
                return new Checked(alert.noChange("late ALARM of " + alert.monitor() + ": the alarm is OK since "
                        + now_.since()), "checked: the alarm is OK now");
            }
            if (now_.inAlarm() && (alert.continuation() || alert.openedAt() == null
                    || alert.openedAt().truncatedTo(ChronoUnit.SECONDS).isBefore(since))) {
                return new Checked(alert.beganAt(now_.since()), "checked: the alarm is in ALARM since "
                        + now_.since());
            }
            return new Checked(alert, "checked: the alarm is " + now_.value() + " now");
        }
        if (now_.inAlarm() && alert.at().truncatedTo(ChronoUnit.SECONDS).isBefore(since)) {
            return new Checked(alert.noChange("late OK of " + alert.monitor() + ": the alarm is in ALARM again since "
                    + now_.since()), "checked: the alarm fired again after this OK");
        }
        return new Checked(alert, "checked: the alarm is " + now_.value() + " now");
    }

    /** DescribeAlarms by name answers for this account and region: an alarm of another is not the same one. */
    private static boolean sameAlarm(Alert alert, AlarmState state) {
        return state.arn() == null || AlarmArn.parse(alert.alertKey()).map(arn -> arn.sameAs(state.arn())).orElse(true);
    }
}
