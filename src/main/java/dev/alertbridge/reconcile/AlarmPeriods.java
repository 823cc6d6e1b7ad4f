package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeSettings;

/**
 * When a CloudWatch alarm's error period began, where its event cannot tell: an ALARM from INSUFFICIENT_DATA
 * (ALARM → INSUFFICIENT_DATA → ALARM is one error, so a person's Resolved still holds and the integration URL keeps
 * its incident), and an OK whose period saw ALARM → ALARM updates or INSUFFICIENT_DATA (its {@code previousState}
 * timestamp is the last of them, not the start the integration URL's incident is known by). The alarm's state
 * history (DescribeAlarmHistory) tells: the period began at the newest entry into ALARM from OK, walking back
 * through ALARM → ALARM updates and INSUFFICIENT_DATA. When the history cannot be read the event is applied as it
 * says, and the report says why.
 */
@ApplicationScoped
public class AlarmPeriods {
    private static final Logger LOG = Logger.getLogger(AlarmPeriods.class);
    /** The history records a change a few milliseconds after the state's own timestamp. */
    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(1);
    /** A courtesy to the page, not a dependency: an unresponsive CloudWatch costs at most this. */
    private static final Duration LOOKUP_BOUND = Duration.ofSeconds(2);

    private final CloudWatchAlarmStates alarms;
    private final BridgeSettings settings;

    public AlarmPeriods(CloudWatchAlarmStates alarms, BridgeSettings settings) {
        this.alarms = alarms;
        this.settings = settings;
    }

    /**
     * Whether the event cannot tell what the page needs of its period: an ALARM after INSUFFICIENT_DATA (whether it
     * continues an error), and, where an integration URL hears it ({@code reachesHook}), an OK (when its period
     * began, which names the hook's incident).
     */
    public static boolean untold(Alert alert, boolean reachesHook) {
        if (alert.source() != AlertSource.CLOUDWATCH || alert.monitor().isEmpty()) {
            return false;
        }
        return alert.state() == AlertState.OPEN && alert.afterNoData() && !alert.continuation()
                || alert.state() == AlertState.CLEAR && reachesHook;
    }

    /** The alert with its period's start as the history tells it, and what the report should say (null: nothing). */
    public LateEvents.Checked resolved(Alert alert, boolean reachesHook, Deadline deadline, Instant now) {
        if (!untold(alert, reachesHook)) {
            return new LateEvents.Checked(alert, null);
        }
        String event = (alert.state() == AlertState.OPEN ? "ALARM" : "OK") + " of " + alert.monitor();
        if (settings.dryRun()) {
            return new LateEvents.Checked(alert, event + ": its period's start taken from the event (a dry run does "
                    + "not read the alarm's history)");
        }
        // An OK's own entry in the history is left out: its period is what came before it.
        Instant beforeOk = alert.at().minus(RECORDED_WITHIN).minusMillis(1);
        Instant asOf = alert.state() == AlertState.OPEN ? alert.at()
                : alert.openedAt() != null ? earliest(alert.openedAt(), beforeOk) : beforeOk;
        List<StateUpdate> history;
        try {
            history = alarms.history(alert.monitor(), now.minus(settings.statushub().lookback()), asOf.plus(
                    RECORDED_WITHIN), deadline.halfLeft(LOOKUP_BOUND));
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            LOG.warnf("%s: the alarm's history could not be read: %s", event, e.getMessage());
            String why = e instanceof CloudWatchAlarmStates.AlarmStatesDeniedException ? e.getMessage()
                    : "the alarm's history could not be read";
            return new LateEvents.Checked(alert, event + " applied as it says: " + why
                    + ", so its period's start is the event's own");
        }
        Optional<Instant> began = began(history, asOf);
        if (began.isEmpty()) {
            return new LateEvents.Checked(alert, event + " applied as it says: the alarm's history does not show "
                    + "when its period began");
        }
        if (alert.state() == AlertState.OPEN) {
            return began.get().isBefore(alert.at().minus(RECORDED_WITHIN))
                    ? new LateEvents.Checked(alert.continuesPeriod(began.get()), "history: the alarm was in ALARM "
                            + "before INSUFFICIENT_DATA, since " + began.get() + ": the same error")
                    : new LateEvents.Checked(alert, null);
        }
        boolean same = alert.openedAt() != null
                && Duration.between(alert.openedAt(), began.get()).abs().compareTo(RECORDED_WITHIN) <= 0;
        return same ? new LateEvents.Checked(alert, null)
                : new LateEvents.Checked(alert.periodBegan(began.get()), "history: the ALARM period this OK ends "
                        + "began at " + began.get());
    }

    /**
     * The reconciliation's ALARM of an alarm with no incident of its current period: whether its error began before
     * an INSUFFICIENT_DATA (DescribeAlarms says since when the state holds, not what came before it), so that a
     * person's end of its incident still holds.
     */
    public LateEvents.Checked continuing(Alert alert, Deadline deadline, Instant now) {
        return resolved(alert.maybeAfterNoData(), false, deadline, now);
    }

    /**
     * When the ALARM period in force at {@code asOf} began: the newest entry into ALARM from OK at or before it,
     * through ALARM → ALARM updates and INSUFFICIENT_DATA; the oldest entry into ALARM the history shows when it
     * ends before that; empty when it shows none.
     *
     * @param newestFirst state changes, newest first
     */
    static Optional<Instant> began(List<StateUpdate> newestFirst, Instant asOf) {
        Instant candidate = null;
        for (StateUpdate update : newestFirst) {
            if (update.at().isAfter(asOf.plus(RECORDED_WITHIN))) {
                continue;
            }
            if (update.into("ALARM")) {
                if (update.outOf("OK")) {
                    return Optional.of(update.at());
                }
                candidate = update.at(); // an update, or back from INSUFFICIENT_DATA: it began before
            } else if (update.into("OK") || update.into("INSUFFICIENT_DATA") && !update.outOf("ALARM")) {
                return Optional.ofNullable(candidate); // the entry into ALARM after this began the period
            }
        }
        return Optional.ofNullable(candidate);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
