package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.OwnStack;
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
import dev.alertbridge.transition.DeletedAlarms;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.Transition;

/**
 * Repairs what lost, failed or late events left wrong on the page, for CloudWatch alarms, whose state can be read
 * back. Each run reads every alarm (DescribeAlarms, every page) and, for each a link can match by its name prefix,
 * hands it to the same pipeline as an event would, with the same identity: an alarm in ALARM is an open of the
 * episode that began when it entered ALARM (a late event for it afterwards changes nothing, and an incident a person
 * resolved counts as that episode's); an alarm OK for longer than the grace period is a clear. The lifecycle rules
 * hold as for events. An open incident of an alarm of this account and region that DescribeAlarms no longer lists
 * at all (every alarm is read, not only the links' prefixes) is cleared: the alarm was deleted
 * ({@link DeletedAlarms}). What the event path would not open is not opened here either: a composite alarm whose actions are
 * suppressed, and links of another level than the alarm's escalation tag (read only where a link sets a level).
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
    /** One alarm's tags may cost at most this (a slow call must not eat the run). */
    private static final Duration TAG_LOOKUP_BOUND = Duration.ofSeconds(2);

    private final CloudWatchAlarmStates alarms;
    private final AlertPipeline pipeline;
    private final StatusHubGateway gateway;
    private final PageCheck pageCheck = new PageCheck();
    private final DeletedAlarms deletedAlarms = new DeletedAlarms(new PageTexts());
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
            List<Finding> found, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {
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

    /**
     * @param functionArn the function's own ARN, which says its account and region when no alarm does (null when
     *        unknown)
     */
    public synchronized Run run(BridgeConfig config, Deadline deadline, Instant now, String functionArn) {
        boolean repair = config.reconcileMode() == ReconcileMode.REPAIR;
        BridgeConfig planned = repair || config.mode() == WriteMode.OFF ? config
                : config.withMode(WriteMode.SHADOW);
        List<ServiceLink> links = config.links().stream()
                .filter(l -> l.source() == null || l.source() == AlertSource.CLOUDWATCH).toList();
        CloudWatchAlarmStates.Listing listing = alarms.all(deadline.remaining());
        List<String> prefixes = prefixes(links);
        List<AlarmState> states = listing.alarms().stream()
                .filter(a -> !OwnStack.alarm(settings.metricsStack(), a.name()))
                .filter(a -> prefixes.stream().anyMatch(a.name()::startsWith)).toList();
        List<Finding> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // Tags cost a call per alarm: read them only where a link's level can make a difference.
        boolean levelsMatter = links.stream().anyMatch(l -> l.escalationLevel() != null);
        List<ServiceLink> managementApiOnly = withoutIntegrationUrls(links, config);
        int checked = 0;
        int start = states.isEmpty() ? 0 : resumeAt % states.size();
        for (; checked < states.size(); checked++) {
            if (deadline.remaining().compareTo(STOP_MARGIN) < 0) {
                break;
            }
            AlarmState state = states.get((start + checked) % states.size());
            Alert alert = asEvent(state, now, levelsMatter, notes, deadline);
            if (alert == null) {
                continue;
            }
            InvocationReport report = pipeline.run(new Adapted(List.of(alert), List.of()), planned,
                    postedBefore(state, now) ? managementApiOnly : links, deadline, now, settings.dryRun());
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
            checkPage(planned, repair, deleted(listing, functionArn), deadline, now).forEach(found::add);
        }
        Counters.add(Counters.Count.RECONCILE_FINDINGS, found.size());
        return new Run(config.reconcileMode(), states.size(), checked, found.size(), checked == states.size(),
                found, notes);
    }

    /**
     * The event the alarm's state stands for: ALARM opens its current episode; OK, once past the grace period,
     * clears; anything else (INSUFFICIENT_DATA, an OK too recent to be sure the event path has not just done it) is
     * left alone.
     */
    private Alert asEvent(AlarmState state, Instant now, boolean levelsMatter, List<String> notes,
            Deadline deadline) {
        List<String> ids = List.of(state.name(), state.arn());
        if (state.inAlarm()) {
            if (state.suppressed()) {
                return null; // the team's suppressor alarm silences it: its ALARM event opened nothing either
            }
            int level = levelsMatter ? escalationLevel(state, notes, deadline) : 1;
            return Alert.of(AlertSource.CLOUDWATCH, state.arn()).knownAs(ids).titled(state.name()).atLevel(level)
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
     * An ALARM period that began before the previous run: its event or that run posted its open to the integration
     * URLs, which cannot be read back, and a person may have resolved it there since.
     */
    private boolean postedBefore(AlarmState state, Instant now) {
        return state.inAlarm() && state.since() != null
                && state.since().isBefore(now.minus(settings.reconcile().every()));
    }

    /** The links with their integration-URL services left out (a link left with none is dropped). */
    private static List<ServiceLink> withoutIntegrationUrls(List<ServiceLink> links, BridgeConfig config) {
        List<ServiceLink> kept = new ArrayList<>();
        for (ServiceLink link : links) {
            List<String> services = link.services().stream()
                    .filter(id -> config.services().get(id) == null || config.services().get(id).viaManagementApi())
                    .toList();
            if (!services.isEmpty()) {
                kept.add(link.withServices(services));
            }
        }
        return kept;
    }

    /**
     * The level the alarm's tags give it, as its events carry them; 1 when they cannot be read, which the run's
     * answer notes.
     */
    private int escalationLevel(AlarmState state, List<String> notes, Deadline deadline) {
        Duration half = deadline.remaining().dividedBy(2);
        try {
            return alarms.escalationLevel(state.arn(), half.compareTo(TAG_LOOKUP_BOUND) < 0 ? half : TAG_LOOKUP_BOUND);
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            String note = state.name() + ": tags not read, counted as untagged (level 1): " + e.getMessage();
            LOG.warn(note);
            notes.add(note);
            return 1;
        }
    }

    /**
     * Every linked Management API service: the status the bridge's last write there set against the one the open
     * incidents justify (what a lost correction leaves, see {@link PageCheck}); {@code repair} posts the correction.
     */
    private List<Finding> checkPage(BridgeConfig config, boolean repair, Optional<Existing> existing,
            Deadline deadline, Instant now) {
        List<LinkedService> services = config.links().stream().flatMap(l -> l.services().stream()).distinct()
                .map(id -> config.services().get(id)).filter(s -> s != null && s.viaManagementApi())
                .map(s -> config.unlinked(s, ServiceStatus.DOWN)).toList();
        List<Finding> found = new ArrayList<>();
        if (services.isEmpty() || !gateway.readsStatusHub(config) && !settings.dryRun()) {
            return found;
        }
        StatusHubSession session = gateway.session(config, deadline, now);
        session.prepareCheck(services.stream().map(LinkedService::service).toList());
        if (existing.isPresent()) {
            found.addAll(clearDeleted(session, config, existing.get(), repair, now));
        }
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

    /** What DescribeAlarms listed, by the reference line's parts: the account and region, and every alarm there. */
    private record Existing(String scope, Set<String> alarms) {
    }

    /**
     * What tells a deleted alarm: every alarm of the account and region, when every page was read and the account is
     * known (from the alarms' ARNs, else the function's); otherwise nothing can be told missing.
     */
    private static Optional<Existing> deleted(CloudWatchAlarmStates.Listing listing, String functionArn) {
        if (!listing.complete()) {
            LOG.warn("DescribeAlarms has more pages than one run reads: no alarm is taken for deleted");
            return Optional.empty();
        }
        Optional<String> scope = listing.alarms().stream().map(a -> regionAndAccount(a.arn()))
                .flatMap(Optional::stream).findFirst().or(() -> regionAndAccount(functionArn));
        return scope.map(s -> new Existing(IncidentRef.scopeOf(s), listing.alarms().stream()
                .map(a -> IncidentRef.alarmPart(a.arn())).collect(Collectors.toSet())));
    }

    /** {@code <region>:<account>} of an ARN ({@code arn:aws:<service>:<region>:<account>:...}). */
    private static Optional<String> regionAndAccount(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() && !parts[4].isEmpty()
                ? Optional.of(parts[3] + ":" + parts[4])
                : Optional.empty();
    }

    /**
     * Clears the open incidents of alarms DescribeAlarms no longer lists (repair), or reports them; then reads the
     * hub again, so the page check sees them cleared.
     */
    private List<Finding> clearDeleted(StatusHubSession session, BridgeConfig config, Existing existing,
            boolean repair, Instant now) {
        List<Transition.Update> clears = deletedAlarms.clears(session.incidents(), existing.scope(),
                existing.alarms(), settings.reconcile().grace(), now,
                serviceId -> config.unlinked(config.serviceWithId(serviceId), ServiceStatus.DOWN));
        List<Finding> found = new ArrayList<>();
        long landed = -1;
        for (Transition.Update clear : clears) {
            if (repair && clear.linked().mode() == WriteMode.LIVE) {
                landed = session.write(clear).at();
            }
            Finding finding = new Finding(repair ? "repaired" : "drift", null, "deleted", null, clear.linked().id(),
                    (repair ? "cleared to " : "would clear to ") + clear.draft().status().wireName()
                            + ": the alarm was deleted",
                    clear.incidentId());
            LOG.info(log.write(finding));
            found.add(finding);
        }
        if (landed >= 0) {
            session.refreshAfter(landed);
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
