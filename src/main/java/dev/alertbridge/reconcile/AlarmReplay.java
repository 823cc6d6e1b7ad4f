package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.Result;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.IncidentRef;

/**
 * The reconciliation's replay of alarm states: each linked alarm, as DescribeAlarms shows it, handed to the same
 * pipeline as its event would be, all in one batch on one read of the hub. An alarm in ALARM is an open of the
 * period that began when it entered ALARM (a late event for it afterwards changes nothing; an incident a person
 * resolved counts as that period's); an alarm OK for longer than the grace period is a clear. What the event path
 * would not open is not opened here either: a composite alarm whose actions are suppressed, links of another level
 * than the alarm's escalation tag (read only where a link sets a level, or where the alarm's tags were read for its
 * tag link). Integration URLs cannot be read: an ALARM
 * period is posted to them only when its hold ended (its start plus {@code holdDown}) since the previous run (the
 * interval plus a minute), else its event or an earlier run posted it and a person may have resolved it since.
 */
final class AlarmReplay {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.reconcile");
    /** One alarm's tags may cost at most this (a slow call must not eat the run). */
    private static final Duration TAG_LOOKUP_BOUND = Duration.ofSeconds(2);
    /** Runs start late and last: a hold that ended this long before the previous run's interval still counts. */
    private static final Duration RUN_SLACK = Duration.ofMinutes(1);

    private final CloudWatchAlarmStates alarms;
    private final AlertPipeline pipeline;
    private final AlarmPeriods periods;

    AlarmReplay(CloudWatchAlarmStates alarms, AlertPipeline pipeline, AlarmPeriods periods) {
        this.alarms = alarms;
        this.pipeline = pipeline;
        this.periods = periods;
    }

    /** One alarm's state as the event it stands for. */
    record Replay(AlarmState state, Alert alert) {
    }

    /**
     * The events these alarms' states stand for: ALARM opens its current period; OK, once past the grace period,
     * clears; anything else (INSUFFICIENT_DATA, an OK too recent to be sure the event path has not just done it, a
     * suppressed composite) is left alone.
     */
    List<Replay> replays(List<AlarmState> linked, List<ServiceLink> links, Map<String, Integer> knownLevels,
            Duration grace, Instant now, Deadline deadline, List<String> notes) {
        // Tags cost a call per alarm: read them only where a link's level can make a difference.
        boolean levelsMatter = links.stream().anyMatch(l -> l.escalationLevel() != null);
        List<Replay> replays = new ArrayList<>();
        for (AlarmState state : linked) {
            if (state.inAlarm() && !state.suppressed()) {
                Integer known = knownLevels.get(state.arn());
                int level = known != null ? known : levelsMatter ? escalationLevel(state, notes, deadline) : 1;
                replays.add(new Replay(state, state.asAlert().titled(state.name()).atLevel(level).described(state.reason())
                        .opens(state.arn() + "@" + state.since(), state.since()).at(state.since())));
            } else if (state.ok() && state.since() != null
                    && Duration.between(state.since(), now).compareTo(grace) > 0) {
                replays.add(new Replay(state, state.asAlert().titled(state.name()).clears("", null)
                        .at(state.since())));
            }
        }
        return replays;
    }

    /** Which services a replayed alarm reaches: every Management API service; integration URLs as above. */
    static AlertPipeline.Reach reach(Duration every, Instant now) {
        Instant previousRun = now.minus(every).minus(RUN_SLACK);
        return (alert, service) -> service.service().viaManagementApi() || alert.state() != AlertState.OPEN
                || alert.openedAt() != null && alert.openedAt().plus(service.policy().holdDown()).isAfter(previousRun);
    }

    /**
     * The replays after the hub's read: an alarm in ALARM with no incident of its period and none open may have come
     * back from INSUFFICIENT_DATA after a person ended its incident (ALARM → INSUFFICIENT_DATA → ALARM is one
     * error): its history tells, and then it continues that error, which a person's end still holds.
     */
    List<Replay> continuations(StatusHubSession session, List<Replay> replays, BridgeConfig config,
            AlertLinks links, Deadline deadline, Instant now, List<String> notes) {
        List<Replay> checked = new ArrayList<>();
        for (Replay replay : replays) {
            Alert alert = replay.alert();
            if (alert.state() != AlertState.OPEN || !opensOnTheHub(alert, config, links, now)
                    || hasIncident(session, alert) || deadline.remaining().compareTo(Reconciler.STOP_MARGIN) < 0) {
                checked.add(replay);
                continue;
            }
            LateEvents.Checked period = periods.continuing(alert, deadline, now);
            if (period.alert().continuation()) {
                session.findNewest(period.alert());
                notes.add(replay.state().name() + ": " + period.note());
            }
            checked.add(new Replay(replay.state(), period.alert()));
        }
        return checked;
    }

    /** Whether the replay would open an incident the hub can show: a Management API service, its hold passed. */
    private static boolean opensOnTheHub(Alert alert, BridgeConfig config, AlertLinks links, Instant now) {
        return config.servicesFor(alert, links).stream().anyMatch(s -> s.service().viaManagementApi()
                && !alert.openedAt().plus(s.policy().holdDownFor(alert.source())).isAfter(now));
    }

    /** Whether the hub shows an incident of the alarm's period, or one of it still open. */
    private static boolean hasIncident(StatusHubSession session, Alert alert) {
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        return session.incidents().stream().anyMatch(i -> i.refs().stream().anyMatch(r -> r.sameEpisode(mine)
                || r.sameAlert(mine) && i.open()));
    }

    /** Reads the hub for the replay (the run's one listing, which the other jobs share). */
    void read(StatusHubSession session, List<Replay> replays, BridgeConfig config, AlertLinks links,
            AlertPipeline.Reach reach) {
        pipeline.read(session, replays.stream().map(Replay::alert).toList(), config, links, reach);
    }

    /** What the replay did or would do, and which alarms it had no time for. */
    record Replayed(List<Finding> found, int reached, InvocationReport report) {
    }

    Replayed run(StatusHubSession session, List<Replay> replays, BridgeConfig config, AlertLinks links,
            AlertPipeline.Reach reach, Deadline deadline, Instant now, boolean dryRun) {
        InvocationReport report = pipeline.run(session, new Adapted(replays.stream().map(Replay::alert).toList(),
                List.of()), config, links, reach, deadline, now, dryRun);
        List<Finding> found = new ArrayList<>();
        int reached = 0;
        for (int i = 0; i < replays.size(); i++) {
            InvocationReport.AlertReport alert = report.alerts().get(i);
            if (alert.note() != null && alert.note().startsWith(AlertPipeline.NOT_REACHED)) {
                break;
            }
            reached++;
            for (InvocationReport.ServiceOutcome outcome : alert.services()) {
                boolean wrote = outcome.result() == Result.CREATED || outcome.result() == Result.UPDATED;
                if (wrote || outcome.wouldDo() != null) {
                    found.add(new Finding.AlarmNotShown(Finding.Verdict.of(wrote), replays.get(i).state(),
                            outcome.service(), wrote ? outcome.result().reportName() : outcome.wouldDo(),
                            outcome.incidentId()));
                }
            }
        }
        return new Replayed(found, reached, report);
    }

    /**
     * The level the alarm's tags give it, as its events carry them; 1 when they cannot be read, which the run's
     * answer notes.
     */
    private int escalationLevel(AlarmState state, List<String> notes, Deadline deadline) {
        try {
            return alarms.escalationLevel(state.arn(), deadline.halfLeft(TAG_LOOKUP_BOUND));
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            String note = state.name() + ": tags not read, counted as untagged (level 1): " + e.getMessage();
            LOG.warn(note);
            notes.add(note);
            return 1;
        }
    }

    /** Whether any of these links can match the alarm, at any level (a clear matches whatever its level). */
    static boolean linked(AlarmState state, List<ServiceLink> links) {
        Alert anyLevel = state.asAlert().clears("", null).at(Instant.EPOCH);
        return links.stream().anyMatch(link -> link.matches(anyLevel));
    }
}
