package dev.alertbridge.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.pipeline.PageCheck;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
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
    public record Run(String mode, int alarms, int checked, int findings, boolean finished, List<Object> found) {
    }

    public synchronized Run run(BridgeConfig config, Deadline deadline, Instant now) {
        boolean repair = config.reconcileMode().equals("repair");
        BridgeConfig planned = repair || config.mode() == WriteMode.OFF ? config
                : config.withMode(WriteMode.SHADOW);
        List<ServiceLink> links = config.links().stream()
                .filter(l -> l.source() == null || l.source() == AlertSource.CLOUDWATCH).toList();
        List<AlarmState> states = alarms.withPrefixes(prefixes(links), deadline.remaining());
        List<Object> found = new ArrayList<>();
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
        return new Run(repair ? "repair" : "report", states.size(), checked, found.size(), checked == states.size(),
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
    private List<Object> checkPage(BridgeConfig config, boolean repair, Deadline deadline, Instant now) {
        List<LinkedService> services = config.links().stream().flatMap(l -> l.services().stream()).distinct()
                .map(id -> config.services().get(id)).filter(s -> s != null && s.viaManagementApi())
                .map(s -> new LinkedService(s, ServiceStatus.DOWN, config.mode())).toList();
        List<Object> found = new ArrayList<>();
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
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("reconcile", repair ? "repaired" : "drift");
            line.put("service", service.id());
            line.put("action", (repair ? "corrected to " : "would correct to ") + status);
            line.put("incidentId", correction.get().incidentId());
            if (repair && service.mode() == WriteMode.LIVE) {
                session.write(correction.get());
            }
            LOG.info(log.write(line));
            found.add(line);
        }
        return found;
    }

    private static boolean isFinding(InvocationReport.ServiceOutcome outcome, boolean repair) {
        return repair ? outcome.result() == Result.CREATED || outcome.result() == Result.UPDATED
                : outcome.result() == Result.SKIPPED && outcome.why() != null
                        && outcome.why().startsWith("shadow mode: would");
    }

    /** One structured log line per finding: what was wrong on the page and what the run did about it. */
    private Map<String, Object> finding(AlarmState state, InvocationReport.ServiceOutcome outcome, boolean repair) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("reconcile", repair ? "repaired" : "drift");
        line.put("alarm", state.name());
        line.put("alarmState", state.value());
        line.put("since", String.valueOf(state.since()));
        line.put("service", outcome.service());
        line.put("action", repair ? outcome.result().reportName()
                : outcome.why().replace("shadow mode: would ", "would ").toLowerCase(Locale.ROOT));
        if (outcome.incidentId() != null) {
            line.put("incidentId", outcome.incidentId());
        }
        LOG.info(log.write(line));
        return line;
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
