package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ReconcileMode;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.pipeline.PageCheck;
import dev.alertbridge.report.Counters;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.Result;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.Deadline;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Transition;

/**
 * Repairs what lost, failed or late events left wrong on the page, for CloudWatch alarms, whose state can be read
 * back. Each run reads every alarm a link can match (DescribeAlarms by the links' name prefixes, every page) and
 * hands each to the same pipeline as an event would, with the same identity: an alarm in ALARM is an open of the
 * episode that began when it entered ALARM (a late event for it afterwards changes nothing, and an incident a person
 * resolved counts as that episode's); an alarm OK for longer than the grace period is a clear. The lifecycle rules
 * hold as for events.
 *
 * <p>
 * {@code "reconcile": {"mode": "report"}} (the default) writes nothing and logs one line per finding;
 * {@code "repair"} applies them. A run stops before the invocation's deadline and the next run starts where it
 * stopped; alarms already right cost a lookup and no write.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.reconcile");
    /** Kept back from the deadline so a stopped run still reports. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(3);

    private final CloudWatchAlarmStates alarms;
    private final AlertPipeline pipeline;
    private final StatusHubGateway gateway;
    private final PageCheck pageCheck = new PageCheck();
    private final BridgeSettings settings;
    private final ReportLog log;
    /** Where the last run of this execution environment stopped, by position in the alarm list. */
    private int resumeAt;

    public Reconciler(CloudWatchAlarmStates alarms, AlertPipeline pipeline, StatusHubGateway gateway,
            BridgeSettings settings, ReportLog log) {
        this.gateway = gateway;
        this.alarms = alarms;
        this.pipeline = pipeline;
        this.settings = settings;
        this.log = log;
    }

    /** What a run did: alarms looked at, findings (each a write it made or would make), and whether it finished. */
    public record Run(ReconcileMode mode, int alarms, int checked, int findings, boolean finished,
            List<Finding> found) {
    }

    /**
     * One thing a run found wrong on the page, and what it did or would do: a structured log line and an entry of
     * the run's answer.
     *
     * @param reconcile {@code drift} (report mode) or {@code repaired}
     * @param alarm the alarm whose state showed it, when an alarm did
     * @param alarmState its state, ALARM or OK
     * @param since when it entered that state
     * @param service the service's configuration id
     * @param action what the run did (created, updated, corrected to up) or would do
     * @param incidentId the incident written to, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String reconcile, String alarm, String alarmState, String since, String service,
            String action, String incidentId) {
    }

    public synchronized Run run(BridgeConfig config, Deadline deadline, Instant now) {
        boolean repair = config.reconcileMode() == ReconcileMode.REPAIR;
        BridgeConfig planned = repair || config.mode() == WriteMode.OFF ? config
                : config.withMode(WriteMode.SHADOW);
        List<ServiceLink> links = config.links().stream()
                .filter(l -> l.source() == null || l.source() == AlertSource.CLOUDWATCH).toList();
        List<AlarmState> states = alarms.withPrefixes(prefixes(links), deadline.remaining());
        List<Finding> found = new ArrayList<>();
        int checked = 0;
        int start = states.isEmpty() ? 0 : resumeAt % states.size();
        for (; checked < states.size(); checked++) {
            if (deadline.remaining().compareTo(STOP_MARGIN) < 0) {
                break;
            }
            AlarmState state = states.get((start + checked) % states.size());
            Alert alert = asEvent(state, now);
            if (alert == null) {
                continue;
            }
            InvocationReport report = pipeline.run(new Adapted(List.of(alert), List.of()), planned, links,
                    deadline, now, settings.dryRun());
            for (InvocationReport.AlertReport alertReport : report.alerts()) {
                for (InvocationReport.ServiceOutcome outcome : alertReport.services()) {
                    if (isFinding(outcome, repair)) {
                        found.add(finding(state, outcome, repair));
                    }
                }
            }
        }
        resumeAt = states.isEmpty() ? 0 : (start + checked) % states.size();
        if (deadline.remaining().compareTo(STOP_MARGIN) >= 0 && planned.mode() != WriteMode.OFF) {
            checkPage(planned, repair, deadline, now).forEach(found::add);
        }
        Counters.add(Counters.Count.RECONCILE_FINDINGS, found.size());
        return new Run(config.reconcileMode(), states.size(), checked, found.size(), checked == states.size(),
                found);
    }

    /**
     * The event the alarm's state stands for: ALARM opens its current episode; OK, once past the grace period,
     * clears; anything else (INSUFFICIENT_DATA, an OK too recent to be sure the event path has not just done it) is
     * left alone.
     */
    private Alert asEvent(AlarmState state, Instant now) {
        List<String> ids = List.of(state.name(), state.arn());
        if (state.inAlarm()) {
            return Alert.of(AlertSource.CLOUDWATCH, state.arn()).knownAs(ids).titled(state.name())
                    .described(state.reason()).opens(state.arn() + "@" + state.since(), state.since()).at(state.since());
        }
        if (state.ok() && state.since() != null
                && Duration.between(state.since(), now).compareTo(settings.reconcile().grace()) > 0) {
            return Alert.of(AlertSource.CLOUDWATCH, state.arn()).knownAs(ids).titled(state.name()).clears("", null)
                    .at(state.since());
        }
        return null;
    }

    /**
     * Every linked Management API service: the status the bridge's last write there set against the one the open
     * incidents justify (what a lost correction leaves, see {@link PageCheck}); {@code repair} posts the correction.
     */
    private List<Finding> checkPage(BridgeConfig config, boolean repair, Deadline deadline, Instant now) {
        List<LinkedService> services = config.links().stream().flatMap(l -> l.services().stream()).distinct()
                .map(id -> config.services().get(id)).filter(s -> s != null && s.viaManagementApi())
                .map(s -> new LinkedService(s, ServiceStatus.DOWN, config.mode())).toList();
        List<Finding> found = new ArrayList<>();
        if (services.isEmpty() || !gateway.readsStatusHub(config) && !settings.dryRun()) {
            return found;
        }
        StatusHubSession session = gateway.session(config, deadline, now);
        session.prepareCheck(services.stream().map(LinkedService::service).toList());
        for (LinkedService service : services) {
            if (deadline.remaining().compareTo(STOP_MARGIN) < 0) {
                break;
            }
            Optional<Transition.Update> correction = pageCheck.check(session, service, now);
            if (correction.isEmpty()) {
                continue;
            }
            String status = correction.get().draft().status().wireName();
            if (repair && service.mode() == WriteMode.LIVE) {
                session.write(correction.get());
            }
            Finding finding = new Finding(repair ? "repaired" : "drift", null, null, null, service.id(),
                    (repair ? "corrected to " : "would correct to ") + status, correction.get().incidentId());
            LOG.info(log.write(finding));
            found.add(finding);
        }
        return found;
    }

    /** What the run changed (repair), or decided and did not send (report: shadow mode). */
    private static boolean isFinding(InvocationReport.ServiceOutcome outcome, boolean repair) {
        return repair ? outcome.result() == Result.CREATED || outcome.result() == Result.UPDATED
                : outcome.wouldDo() != null;
    }

    /** One structured log line per finding: what was wrong on the page and what the run did about it. */
    private Finding finding(AlarmState state, InvocationReport.ServiceOutcome outcome, boolean repair) {
        Finding finding = new Finding(repair ? "repaired" : "drift", state.name(), state.value(),
                String.valueOf(state.since()), outcome.service(),
                repair ? outcome.result().reportName() : outcome.wouldDo(), outcome.incidentId());
        LOG.info(log.write(finding));
        return finding;
    }

    /**
     * The name prefixes that find every alarm these links can match: the literal start of each pattern (the name
     * part of an ARN pattern); "" (every alarm) when a pattern starts with a wildcard.
     */
    static List<String> prefixes(List<ServiceLink> links) {
        List<String> prefixes = new ArrayList<>();
        for (ServiceLink link : links) {
            String pattern = link.monitor();
            int alarmPart = pattern.toLowerCase(Locale.ROOT).startsWith("arn:") ? pattern.indexOf(":alarm:") : -1;
            if (alarmPart >= 0) {
                pattern = pattern.substring(alarmPart + ":alarm:".length());
            } else if (pattern.toLowerCase(Locale.ROOT).startsWith("arn:")) {
                pattern = "*";
            }
            int star = pattern.indexOf('*');
            prefixes.add(star < 0 ? pattern : pattern.substring(0, star));
        }
        return prefixes;
    }
}
