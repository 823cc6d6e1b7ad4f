package dev.alertbridge.handler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.handler.InvocationReport.AlertReport;
import dev.alertbridge.handler.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.Applied;
import dev.alertbridge.statushub.Deadline;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.IncidentView;
import dev.alertbridge.transition.Transition;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * For each alert: find its linked services, ask StatusHub what it shows, plan, and apply the writes to all
 * services at once (paced per key). A failure on one service neither undoes nor blocks the others; it is
 * reported, and the retry of the event finishes the rest without repeating what landed. Services whose links (or
 * the configuration) are in shadow mode are planned but not written; in mode off they are not even read.
 */
@ApplicationScoped
public class AlertDispatcher {
    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    private final StatusHubGateway gateway;
    private final TransitionPlanner planner = new TransitionPlanner();

    public AlertDispatcher(StatusHubGateway gateway) {
        this.gateway = gateway;
    }

    public InvocationReport dispatch(Adapted adapted, BridgeConfig config, List<ServiceLink> links,
            Deadline deadline, Instant now, boolean dryRun) {
        List<AlertReport> reports = new ArrayList<>();
        for (Alert alert : adapted.alerts()) {
            reports.add(dispatch(alert, config, links, deadline, now));
        }
        String mode = config.mode() == WriteMode.LIVE ? null : config.mode().configName();
        return new InvocationReport(dryRun, mode, reports, adapted.unusable());
    }

    private AlertReport dispatch(Alert alert, BridgeConfig config, List<ServiceLink> links, Deadline deadline,
            Instant now) {
        List<LinkedService> linked = config.servicesFor(alert, links);
        String state = alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (linked.isEmpty()) {
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(),
                    "no service is linked to this monitor at escalation level " + alert.escalationLevel(), List.of());
        }
        List<LinkedService> reachable = linked.stream().filter(s -> s.mode() != WriteMode.OFF).toList();
        List<ServiceTarget> targets = reachable.stream().map(LinkedService::service).toList();
        Map<String, Current> current;
        try {
            current = alert.state() == AlertState.NO_CHANGE || targets.isEmpty() ? Map.of()
                    : gateway.lookup(config, alert, targets, deadline, now);
        } catch (RuntimeException e) {
            List<ServiceOutcome> failed = linked.stream().map(s -> failure(s.service(), e)).toList();
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(), null,
                    failed);
        }
        List<ServiceOutcome> outcomes = new ArrayList<>();
        linked.stream().filter(s -> s.mode() == WriteMode.OFF).forEach(s -> outcomes.add(ServiceOutcome.skipped(s.id(),
                StatusHubGateway.via(s.service()), "mode off: the bridge writes nothing to this service", null)));
        outcomes.addAll(apply(config, planner.plan(alert, reachable, current), deadline));
        return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(), null,
                outcomes);
    }

    /**
     * Before a SnapStart snapshot: a made-up alert opening and clearing on every configured service, looked up
     * through StatusHub's read path ({@link StatusHubGateway#primingLookup}), decided as a real one and reported as
     * in shadow mode, nothing sent. The snapshot then holds the lookup, the decisions and the JSON writers of request
     * bodies and reports ready, which the first event after a restore would otherwise build.
     *
     * @return the report (for its size) and what was read from StatusHub
     */
    Rehearsal rehearse(BridgeConfig config, Deadline deadline, Instant now) {
        List<LinkedService> services = config.services().values().stream()
                .map(service -> new LinkedService(service, ServiceStatus.DOWN, WriteMode.SHADOW)).toList();
        Alert.Builder rehearsal = Alert.of(AlertSource.CLOUDWATCH, "snapstart-rehearsal")
                .knownAs(List.of("snapstart-rehearsal")).titled("SnapStart rehearsal").described("not sent");
        Alert opens = rehearsal.opens("rehearsal", now).at(now);
        Alert clears = rehearsal.clears("rehearsal", now).at(now);
        String read = gateway.readsStatusHub(config) ? "StatusHub read (the lookup path, reads only)"
                : "StatusHub not read (dry run, or no Management API account)";
        Map<String, Current> shown = Map.of();
        try {
            shown = gateway.primingLookup(config, opens,
                    services.stream().map(LinkedService::service).toList(), deadline, now);
        } catch (RuntimeException e) {
            read = "StatusHub read failed (" + e.getMessage() + ")";
        }
        Map<String, Current> opened = new HashMap<>();
        services.forEach(s -> opened.put(s.id(), new Current.Shown(List.of(new IncidentView("1", opens.title(),
                IncidentRef.of(opens, s.service()), now, IncidentType.INVESTIGATING, false, ServiceStatus.DOWN)),
                List.of())));
        List<AlertReport> reports = new ArrayList<>();
        for (Alert alert : List.of(opens, clears)) {
            List<ServiceOutcome> outcomes = new ArrayList<>();
            for (Transition transition : planner.plan(alert, services, alert == opens ? shown : opened)) {
                if (transition instanceof Transition.Write write) {
                    outcomes.add(ServiceOutcome.skipped(write.service().id(), StatusHubGateway.via(write.service()),
                            "rehearsal", gateway.preview(config, write)));
                }
            }
            reports.add(new AlertReport(alert.source().linkName(), alert.monitor(), "open", 1, null, outcomes));
        }
        return new Rehearsal(new InvocationReport(false, WriteMode.SHADOW.configName(), reports, List.of()), read);
    }

    /** What {@link #rehearse} did: its report, and what it read from StatusHub. */
    record Rehearsal(InvocationReport report, String statusHub) {
    }

    /** Writes the live transitions through StatusHub's port; reports every transition in the plan's order. */
    private List<ServiceOutcome> apply(BridgeConfig config, List<Transition> transitions, Deadline deadline) {
        List<Transition.Write> live = transitions.stream().filter(t -> t instanceof Transition.Write w
                && w.linked().mode() == WriteMode.LIVE).map(t -> (Transition.Write) t).toList();
        Map<Transition.Write, Applied> applied = new IdentityHashMap<>();
        gateway.apply(config, live, deadline).forEach(a -> applied.put(a.write(), a));
        List<ServiceOutcome> outcomes = new ArrayList<>();
        for (Transition transition : transitions) {
            ServiceTarget service = transition.service();
            Delivered.Via via = StatusHubGateway.via(service);
            if (transition instanceof Transition.Unchanged unchanged) {
                outcomes.add(ServiceOutcome.unchanged(service.id(), via, unchanged.incidentId(), unchanged.why()));
            } else if (transition instanceof Transition.Skip skip) {
                outcomes.add(ServiceOutcome.skipped(service.id(), via, skip.why(), null));
            } else if (!applied.containsKey(transition)) {
                outcomes.add(shadow(config, (Transition.Write) transition));
            } else {
                outcomes.add(outcome(applied.get(transition)));
            }
        }
        return outcomes;
    }

    private static ServiceOutcome outcome(Applied applied) {
        ServiceTarget service = applied.write().service();
        if (applied instanceof Applied.Done done) {
            return ServiceOutcome.delivered(service.id(), done.delivered());
        }
        if (applied instanceof Applied.Duplicate duplicate) {
            return ServiceOutcome.unchanged(service.id(), duplicate.delivered().via(), duplicate.kept(),
                    "created at the same moment by another execution environment as incident " + duplicate.kept()
                            + "; the duplicate " + duplicate.delivered().incidentId() + " was resolved");
        }
        Applied.Failed failed = (Applied.Failed) applied;
        return ServiceOutcome.failed(service.id(), StatusHubGateway.via(service), failed.why(), failed.retryable());
    }

    /** Shadow mode: the write is decided as usual, logged and reported with its request, and not sent. */
    private ServiceOutcome shadow(BridgeConfig config, Transition.Write write) {
        String request = gateway.preview(config, write);
        LOG.infof("shadow mode, not sent: %s", request);
        String would = write instanceof Transition.Create ? "would create an incident"
                : "would update incident "
                        + ((Transition.MarkMonitoring) write).incidentId();
        return ServiceOutcome.skipped(write.service().id(), StatusHubGateway.via(write.service()),
                "shadow mode: " + would, request);
    }

    private static ServiceOutcome failure(ServiceTarget service, Throwable e) {
        Applied.Failure failure = Applied.Failure.of(e);
        return ServiceOutcome.failed(service.id(), StatusHubGateway.via(service), failure.why(), failure.retryable());
    }
}
