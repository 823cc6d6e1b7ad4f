package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.OwnStack;
import dev.alertbridge.config.ReconcileMode;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.metrics.Counters;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.report.Counted;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;

/**
 * Repairs what lost, failed or late events left wrong on the page, for CloudWatch alarms, whose state can be read
 * back. A run reads every alarm (DescribeAlarms, every page) and the hub once (one listing shared by its three
 * jobs, plus one re-read after its writes), then:
 * <ol>
 * <li>clears the incidents of alarms deleted while in ALARM ({@link DeletedAlarmSweep});
 * <li>replays the state of every alarm a link matches (ignoring case, as links match; embedded links when the
 * schedule carries them) through the event pipeline ({@link AlarmReplay}), and, with {@code "tagLinks": true}, of
 * every alarm in ALARM whose own tags link it ({@link TaggedAlarms});
 * <li>checks every linked service's page against what its open incidents justify ({@link PageCheck}).
 * </ol>
 * The sweep runs first and the replay leaves time for the page check, so both are always reached; alarms the replay
 * had no time for are named in the answer and the next run starts with them. {@code "reconcile": {"mode":
 * "report"}} (the default) writes nothing and reports each finding; {@code "repair"} applies them, on services
 * whose links are {@code live}.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.reconcile");
    /** Kept back from the deadline so a stopped run still reports. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(3);
    /** Kept back from the replay for the page check after it. */
    private static final Duration PAGE_CHECK_RESERVE = Duration.ofSeconds(2);
    /** A run reads at most this many alarms' tags: a storm of unlinked alarms must not eat the run. */
    private static final int MAX_TAG_READS = 50;
    /** Kept back from the tag reads for the replay and the page check after them. */
    private static final Duration TAG_READS_RESERVE = STOP_MARGIN.plus(PAGE_CHECK_RESERVE).plus(Duration.ofSeconds(5));

    private final CloudWatchAlarmStates alarms;
    private final StatusHubGateway gateway;
    private final BridgeSettings settings;
    private final ReportLog log;
    private final AlarmReplay replay;
    private final TaggedAlarms tagged;
    private final DeletedAlarmSweep sweep = new DeletedAlarmSweep();
    private final PageCheck pageCheck = new PageCheck();
    /** Where the last run of this execution environment stopped, by position in the list of linked alarms. */
    private int resumeAt;

    public Reconciler(CloudWatchAlarmStates alarms, AlarmPeriods periods, AlarmTags tags, AlertPipeline pipeline,
            StatusHubGateway gateway, BridgeSettings settings, ReportLog log) {
        this.alarms = alarms;
        this.tagged = new TaggedAlarms(tags, MAX_TAG_READS);
        this.gateway = gateway;
        this.settings = settings;
        this.log = log;
        this.replay = new AlarmReplay(alarms, pipeline, periods);
    }

    /** What a run did: linked alarms, those replayed, findings (each a write it made or would make), completeness. */
    public record Run(ReconcileMode mode, int alarms, int checked, int findings, boolean finished,
            List<Finding> found, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
            @JsonIgnore InvocationReport replayed) implements Counted {

        /** The metrics line counts the transitions the replay made or would make. */
        @Override
        public InvocationReport counted() {
            return replayed;
        }
    }

    /**
     * @param links the links to reconcile: the configuration's, or those the schedule embeds
     * @param functionArn the function's own ARN, which says its account and region when no alarm does (null when
     *        unknown)
     */
    public synchronized Run run(BridgeConfig config, List<ServiceLink> links, Deadline deadline, Instant now,
            String functionArn) {
        boolean repair = config.reconcileMode() == ReconcileMode.REPAIR;
        BridgeConfig planned = repair || config.mode() == WriteMode.OFF ? config : config.withMode(WriteMode.SHADOW);
        List<ServiceLink> alarmLinks = links.stream()
                .filter(l -> l.source() == null || l.source() == AlertSource.CLOUDWATCH).toList();
        CloudWatchAlarmStates.Listing listing = alarms.all(deadline.remaining());
        List<AlarmState> theirs = listing.alarms().stream()
                .filter(a -> !OwnStack.alarm(settings.metricsStack(), a.name())).toList();
        Map<Boolean, List<AlarmState>> byLinks = theirs.stream()
                .collect(Collectors.partitioningBy(a -> AlarmReplay.linked(a, alarmLinks)));
        List<String> notes = new ArrayList<>();
        TaggedAlarms.Found tags = config.tagLinks()
                ? tagged.find(byLinks.get(false).stream().filter(a -> a.inAlarm() && !a.suppressed()).toList(),
                        config, AlertLinks.of(alarmLinks), deadline, TAG_READS_RESERVE, now, notes)
                : TaggedAlarms.Found.none(AlertLinks.of(alarmLinks));
        List<AlarmState> linked = rotated(Stream.concat(byLinks.get(true).stream(), tags.alarms().stream()).toList());
        List<AlarmReplay.Replay> replays = replay.replays(linked, alarmLinks, tags.levels(),
                settings.reconcile().grace(), now, deadline, notes);
        List<LinkedService> pages = planned.mode() == WriteMode.OFF ? List.of()
                : pages(planned, Stream.concat(links.stream(), tags.links().tagLinks().stream()).toList());
        AlertPipeline.Reach reach = AlarmReplay.reach(settings.reconcile().every(), now);

        StatusHubSession session = gateway.session(planned, deadline, now);
        session.alsoCheck(pages.stream().map(LinkedService::service).toList());
        replay.read(session, replays, planned, tags.links(), reach);
        replays = replay.continuations(session, replays, planned, tags.links(), deadline, now, notes);
        DeletedAlarmSweep.Swept swept = sweep.run(session, listing, functionArn, repair, settings.reconcile().grace(),
                now, id -> asLinked(planned, links, planned.serviceWithId(id)));
        List<Finding> found = new ArrayList<>(swept.found());
        AlarmReplay.Replayed replayed = replay.run(session, replays, planned, tags.links(), reach,
                deadline.shortenedBy(PAGE_CHECK_RESERVE), now, settings.dryRun());
        found.addAll(replayed.found());
        if (replayed.reached() < replays.size()) {
            notes.add("no time left to replay " + (replays.size() - replayed.reached()) + " alarms ("
                    + replays.subList(replayed.reached(), replays.size()).stream().limit(10)
                            .map(r -> r.state().name()).toList()
                    + (replays.size() - replayed.reached() > 10 ? ", …" : "") + "): the next run starts with them");
        }
        swept.landed().ifPresent(session::refreshAfter); // unless the replay's re-read came after it
        PageCheck.Checked checked = pageCheck.run(session, pages, repair, deadline, now, notes);
        found.addAll(checked.found());
        resumeAt += replayed.reached() < replays.size() ? replayed.reached() : 0;
        found.forEach(f -> LOG.info(log.write(f)));
        Counters.add(Counters.Count.RECONCILE_FINDINGS, found.size());
        return new Run(config.reconcileMode(), linked.size(), replayed.reached(), found.size(),
                replayed.reached() == replays.size() && checked.complete(),
                found, notes, replayed.report());
    }

    /** The linked alarms from where the last run stopped, so a run too big for one invocation still covers all. */
    private List<AlarmState> rotated(List<AlarmState> linked) {
        if (linked.isEmpty()) {
            resumeAt = 0;
            return linked;
        }
        int start = resumeAt % linked.size();
        resumeAt = start;
        List<AlarmState> rotated = new ArrayList<>(linked.subList(start, linked.size()));
        rotated.addAll(linked.subList(0, start));
        return rotated;
    }

    /** Every linked Management API service, as the page check writes it (see {@link #asLinked}). */
    private static List<LinkedService> pages(BridgeConfig config, List<ServiceLink> links) {
        return links.stream().flatMap(l -> l.services().stream()).distinct().map(id -> config.services().get(id))
                .filter(s -> s != null && s.viaManagementApi()).map(s -> asLinked(config, links, s)).toList();
    }

    /**
     * A service as the reconciliation writes it when no alarm says which link: in the mode the links naming it give
     * it together ({@link BridgeConfig#reachedBy}: live if any is live; a service no link names, as the configuration
     * says), with its own and the configuration's policy (no alarm says which link's).
     */
    private static LinkedService asLinked(BridgeConfig config, List<ServiceLink> links, ServiceTarget service) {
        List<ServiceLink> naming = links.stream().filter(l -> l.services().contains(service.id())).toList();
        WriteMode mode = naming.isEmpty() ? config.mode() : config.reachedBy(service, naming).mode();
        return new LinkedService(service, ServiceStatus.DOWN, mode, config.policyOf(service));
    }
}
