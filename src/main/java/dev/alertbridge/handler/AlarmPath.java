package dev.alertbridge.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.LinkParser;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.event.InboundEvent;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.reconcile.AlarmPeriods;
import dev.alertbridge.reconcile.LateEvents;
import dev.alertbridge.reconcile.Reconciler;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.DeadlineExceededException;
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
    private final ReportLog log;
    private final BridgeSettings settings;

    public AlarmPath(ConfigLoader configs, AlertPipeline pipeline, LateEvents lateEvents, AlarmPeriods periods,
            Reconciler reconciler, ReportLog log, BridgeSettings settings) {
        this.periods = periods;
        this.configs = configs;
        this.pipeline = pipeline;
        this.lateEvents = lateEvents;
        this.reconciler = reconciler;
        this.log = log;
        this.settings = settings;
    }

    /** Configuration, links (stored or embedded), late-event check, then the dispatcher's pipeline; report. */
    InvocationReport handle(InboundEvent.Alarms event, Invocation invocation) {
        BridgeConfig config = configs.current(invocation.now(), invocation.deadline().remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : LinkParser.links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        List<Alert> alerts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Alert alert : event.alerts()) {
            LateEvents.Checked late = lateEvents.checked(alert, invocation.deadline(), invocation.now());
            LateEvents.Checked period = periods.resolved(late.alert(), reachesHook(late.alert(), config, links),
                    invocation.deadline(), invocation.now());
            alerts.add(period.alert());
            notes.add(Stream.of(late.note(), period.note()).filter(Objects::nonNull)
                    .reduce((a, b) -> a + "; " + b).orElse(null));
        }
        InvocationReport report = pipeline.run(new Adapted(alerts, List.of()), config, links, invocation.deadline(),
                invocation.now(), settings.dryRun()).withNotes(notes);
        log.outcome(InvocationKind.alarm(), report.failed() ? 500 : 200, report);
        if (report.failed()) {
            throw new InvocationFailedException("StatusHub not fully updated, retry the event: "
                    + report.failureSummary());
        }
        return report;
    }

    /** Whether an integration URL hears this alert (its clear then needs its period's start). */
    private static boolean reachesHook(Alert alert, BridgeConfig config, List<ServiceLink> links) {
        return config.servicesFor(alert, links).stream()
                .anyMatch(s -> !s.service().viaManagementApi() && s.mode() != WriteMode.OFF);
    }

    /**
     * The scheduled reconciliation, with the links the schedule embeds when the rule embeds them. Its failures are
     * its own (the {@code reconcile} alias's failure destination): StatusHub or CloudWatch unreadable fails the
     * run, saying which.
     */
    Reconciler.Run reconcile(InboundEvent.Reconcile event, Invocation invocation) {
        BridgeConfig config = configs.current(invocation.now(), invocation.deadline().remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : LinkParser.links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        Reconciler.Run run;
        try {
            run = reconciler.run(config, links, invocation.deadline(), invocation.now(), invocation.functionArn());
        } catch (StatusHubUnavailableException | StatusHubRejectedException | DeadlineExceededException e) {
            throw new InvocationFailedException("reconciliation stopped: StatusHub could not be read: "
                    + CallFailure.of(e).why());
        }
        log.outcome(InvocationKind.reconcile(), 200, run);
        return run;
    }
}
