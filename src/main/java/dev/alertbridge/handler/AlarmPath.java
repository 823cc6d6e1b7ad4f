package dev.alertbridge.handler;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
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
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.reconcile.LateEvents;
import dev.alertbridge.reconcile.Reconciler;
import dev.alertbridge.report.Ending;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.AlertReport;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.StatusHubGateway;

/**
 * CloudWatch alarms (EventBridge, SNS, alarm actions) and the scheduled reconciliation: asynchronous invocations,
 * so a failure a retry may fix fails the invocation and Lambda retries it (then keeps it in the failure queue).
 */
@ApplicationScoped
public class AlarmPath {
    private final ConfigLoader configs;
    private final AlertPipeline pipeline;
    private final LateEvents lateEvents;
    private final Reconciler reconciler;
    private final ReportLog log;
    private final BridgeSettings settings;

    public AlarmPath(ConfigLoader configs, AlertPipeline pipeline, LateEvents lateEvents, Reconciler reconciler,
            ReportLog log, BridgeSettings settings) {
        this.configs = configs;
        this.pipeline = pipeline;
        this.lateEvents = lateEvents;
        this.reconciler = reconciler;
        this.log = log;
        this.settings = settings;
    }

    /**
     * Configuration, links (stored or embedded), the stack's own alarms set aside, late-event check, then the
     * dispatcher's pipeline; report.
     */
    InvocationReport handle(InboundEvent.Alarms event, Invocation invocation) {
        BridgeConfig config = configs.current(invocation.now(), invocation.deadline().remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : LinkParser.links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        Map<Boolean, List<Alert>> own = event.alerts().stream()
                .collect(Collectors.partitioningBy(a -> a.source() == AlertSource.CLOUDWATCH
                        && a.monitorIds().stream().anyMatch(id -> OwnStack.alarm(settings.metricsStack(), id))));
        List<LateEvents.Checked> checked = own.get(false).stream()
                .map(alert -> lateEvents.checked(alert, invocation.deadline(), invocation.now())).toList();
        InvocationReport report = (checked.isEmpty() ? nothingApplied(config)
                : pipeline.run(new Adapted(checked.stream().map(LateEvents.Checked::alert).toList(), List.of()),
                        config, links, invocation.deadline(), invocation.now(), settings.dryRun()))
                .withNotes(checked.stream().map(LateEvents.Checked::note).toList())
                .with(own.get(true).stream().map(alert -> skippedAsOwn(alert, config, links)).toList());
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

    private InvocationReport nothingApplied(BridgeConfig config) {
        return new InvocationReport(settings.dryRun(), config.mode() == WriteMode.LIVE ? null
                : config.mode().configName(), List.of(), List.of());
    }

    /** An alarm of the bridge's own stack: each service a link gives it, skipped, and nothing read or written. */
    private AlertReport skippedAsOwn(Alert alert, BridgeConfig config, List<ServiceLink> links) {
        List<InvocationReport.ServiceOutcome> skipped = config.servicesFor(alert, links).stream()
                .map(s -> InvocationReport.ServiceOutcome.skipped(s.id(), StatusHubGateway.via(s.service()),
                        OwnStack.WHY, null))
                .toList();
        return new AlertReport(alert.source().linkName(), alert.monitor(),
                alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), alert.escalationLevel(),
                "skipped: " + OwnStack.WHY + " (" + settings.metricsStack() + "-...): never written to the page",
                skipped);
    }

    Reconciler.Run reconcile(Invocation invocation) {
        Reconciler.Run run;
        try {
            run = reconciler.run(configs.current(invocation.now(), invocation.deadline().remaining()),
                    invocation.deadline(), invocation.now(), invocation.functionArn());
        } catch (CloudWatchAlarmStates.AlarmStatesDeniedException e) {
            // No retry can help: say plainly what is missing and what it costs.
            String reason = "the reconciliation could not run (held alarms are not posted, deleted alarms not "
                    + "cleared, nothing repaired): " + e.getMessage();
            log.outcome(InvocationKind.reconcile(), 500, Ending.FAILED, Map.of("error", reason));
            throw new InvocationFailedException(reason);
        }
        log.outcome(InvocationKind.reconcile(), 200, run);
        return run;
    }
}
