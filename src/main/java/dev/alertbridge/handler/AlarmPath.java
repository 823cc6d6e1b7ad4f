package dev.alertbridge.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.LinkParser;
import dev.alertbridge.config.OwnStack;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.event.InboundEvent;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.reconcile.AlarmPeriods;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.reconcile.LateEvents;
import dev.alertbridge.reconcile.Reconciler;
import dev.alertbridge.report.Ending;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.AlertReport;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubRejectedException;
import dev.alertbridge.statushub.StatusHubUnavailableException;

/**
 * CloudWatch alarms (EventBridge, SNS, alarm actions) and the scheduled reconciliation: asynchronous invocations,
 * so a failure a retry may fix fails the invocation and Lambda retries it (then keeps it in the failure queue).
 */
@ApplicationScoped
public class AlarmPath {
    private final ConfigLoader configs;
    private final AlertPipeline pipeline;
    private final LateEvents lateEvents;
    private final AlarmPeriods periods;
    private final Reconciler reconciler;
    private final TagLinks tagLinks;
    private final ReportLog log;
    private final BridgeSettings settings;

    public AlarmPath(ConfigLoader configs, AlertPipeline pipeline, LateEvents lateEvents, AlarmPeriods periods,
            Reconciler reconciler, TagLinks tagLinks, ReportLog log, BridgeSettings settings) {
        this.configs = configs;
        this.pipeline = pipeline;
        this.lateEvents = lateEvents;
        this.periods = periods;
        this.reconciler = reconciler;
        this.tagLinks = tagLinks;
        this.log = log;
        this.settings = settings;
    }

    /**
     * Configuration, links (stored or embedded), the stack's own alarms set aside, late-event check, the alarm's
     * tag link and the period's start where the event cannot tell it, then the pipeline; report.
     */
    InvocationReport handle(InboundEvent.Alarms event, Invocation invocation) {
        BridgeConfig config = configs.current(invocation.now(), invocation.deadline().remaining());
        AlertLinks links = AlertLinks.of(event.embeddedLinks() == null ? config.links()
                : LinkParser.links("event", "$.links", event.embeddedLinks(), config.services().keySet()));
        List<Alert> alerts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AlertReport> ownStack = new ArrayList<>();
        for (Alert alert : event.alerts()) {
            if (alert.source() == AlertSource.CLOUDWATCH
                    && alert.monitorIds().stream().anyMatch(id -> OwnStack.alarm(settings.metricsStack(), id))) {
                ownStack.add(skippedAsOwn(alert, config, links));
                continue;
            }
            LateEvents.Checked late = lateEvents.checked(alert, invocation.deadline(), invocation.now());
            TagLinks.Found tagged = tagLinks.of(late.alert(), config, invocation.deadline(), invocation.now());
            links = links.with(late.alert(), tagged.link());
            LateEvents.Checked period = periods.resolved(late.alert(), reachesHook(late.alert(), config, links),
                    invocation.deadline(), invocation.now());
            alerts.add(period.alert());
            notes.add(Stream.of(late.note(), tagged.note(), period.note()).filter(Objects::nonNull)
                    .reduce((a, b) -> a + "; " + b).orElse(null));
        }
        InvocationReport report = (alerts.isEmpty() ? nothingApplied(config)
                : pipeline.run(new Adapted(alerts, List.of()), config, links, invocation.deadline(), invocation.now(),
                        settings.dryRun()))
                .withNotes(notes).with(ownStack);
        log.outcome(InvocationKind.alarm(), report.failed() ? 500 : 200, report);
        if (report.refused()) {
            // Lambda still retries it, then keeps it in the failure destination with this reason.
            throw new InvocationFailedException("StatusHub refused the bridge's request for good (fix the link or "
                    + "the service, then replay the event): " + report.failureSummary());
        }
        if (report.failed()) {
            throw new InvocationFailedException("StatusHub not fully updated, retry the event: "
                    + report.failureSummary());
        }
        return report;
    }

    /** Whether an integration URL hears this alert (its clear then needs its period's start). */
    private static boolean reachesHook(Alert alert, BridgeConfig config, AlertLinks links) {
        return config.servicesFor(alert, links).stream()
                .anyMatch(s -> !s.service().viaManagementApi() && s.mode() != WriteMode.OFF);
    }

    private InvocationReport nothingApplied(BridgeConfig config) {
        return new InvocationReport(settings.dryRun(), config.mode() == WriteMode.LIVE ? null
                : config.mode().configName(), List.of(), List.of());
    }

    /** An alarm of the bridge's own stack: each service a link gives it, skipped, and nothing read or written. */
    private AlertReport skippedAsOwn(Alert alert, BridgeConfig config, AlertLinks links) {
        List<InvocationReport.ServiceOutcome> skipped = config.servicesFor(alert, links).stream()
                .map(s -> InvocationReport.ServiceOutcome.skipped(s.id(), StatusHubGateway.via(s.service()),
                        OwnStack.WHY, null))
                .toList();
        return new AlertReport(alert.source().linkName(), alert.monitor(),
                alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), alert.escalationLevel(),
                "skipped: " + OwnStack.WHY + " (" + settings.metricsStack() + "-...): never written to the page",
                skipped);
    }

    /**
     * The scheduled reconciliation, with the links the schedule embeds when the rule embeds them. Its failures are
     * its own (the {@code reconcile} alias's failure destination): StatusHub unreadable, or CloudWatch refusing the
     * read, fails the run, saying which.
     */
    Reconciler.Run reconcile(InboundEvent.Reconcile event, Invocation invocation) {
        BridgeConfig config = configs.current(invocation.now(), invocation.deadline().remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : LinkParser.links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        Reconciler.Run run;
        try {
            run = reconciler.run(config, links, invocation.deadline(), invocation.now(), invocation.functionArn());
        } catch (CloudWatchAlarmStates.AlarmStatesDeniedException e) {
            // No retry can help: say plainly what is missing and what it costs.
            throw failed("the reconciliation could not run (held alarms are not posted, deleted alarms not cleared, "
                    + "nothing repaired): " + e.getMessage());
        } catch (StatusHubUnavailableException | StatusHubRejectedException | DeadlineExceededException e) {
            throw failed("the reconciliation stopped: StatusHub could not be read: " + CallFailure.of(e).why());
        }
        log.outcome(InvocationKind.reconcile(), 200, run);
        return run;
    }

    private InvocationFailedException failed(String reason) {
        log.outcome(InvocationKind.reconcile(), 500, Ending.FAILED, Map.of("error", reason));
        return new InvocationFailedException(reason);
    }
}
