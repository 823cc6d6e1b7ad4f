package dev.alertbridge.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.statushub.Deadline;

/**
 * An ALARM event that arrives long after its state change (Lambda's retries, a replay from the failure queue) may
 * describe an error that is over: its OK may have come and gone while it failed. Before such an event opens
 * anything, the alarm's current state is read: when the alarm is OK now, the event changes nothing. An alarm still in
 * ALARM (or INSUFFICIENT_DATA, which is no recovery), or one CloudWatch does not show (another account or region,
 * no permission), is opened as the event says; the scheduled reconciliation corrects what remains. Recent events
 * never pay for this call, and neither does a dry run (it asks no AWS service).
 */
@ApplicationScoped
public class LateAlarms {
    private static final Logger LOG = Logger.getLogger(LateAlarms.class);
    /** The check is a courtesy to the page, not a dependency: an unresponsive CloudWatch costs at most this. */
    private static final Duration LOOKUP_BOUND = Duration.ofSeconds(2);

    private final CloudWatchAlarmStates alarms;
    private final BridgeSettings settings;

    public LateAlarms(CloudWatchAlarmStates alarms, BridgeSettings settings) {
        this.alarms = alarms;
        this.settings = settings;
    }

    public Alert checked(Alert alert, Deadline deadline, Instant now) {
        if (settings.dryRun() || alert.source() != AlertSource.CLOUDWATCH || alert.state() != AlertState.OPEN
                || alert.openedAt() == null
                || Duration.between(alert.at(), now).compareTo(settings.reconcile().lateAlarmAfter()) <= 0) {
            return alert;
        }
        Optional<AlarmState> current;
        try {
            Duration half = deadline.remaining().dividedBy(2);
            current = alarms.named(alert.title(), half.compareTo(LOOKUP_BOUND) < 0 ? half : LOOKUP_BOUND);
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            // Without the current state, act as the event says: the scheduled reconciliation corrects it later.
            LOG.warnf("late ALARM of %s not checked against its current state: %s", alert.title(), e.getMessage());
            return alert;
        } catch (RuntimeException e) {
            // Anything else from the client (a malformed endpoint override, an unreadable answer): the same, by type.
            LOG.warnf("late ALARM of %s not checked against its current state: %s", alert.title(),
                    e.getClass().getSimpleName());
            return alert;
        }
        if (current.isEmpty() || !current.get().ok()) {
            return alert;
        }
        return alert.noChange("late ALARM of " + alert.title() + ": the alarm is OK since " + current.get().since());
    }
}
