package dev.alertbridge.handler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.handler.InvocationReport.AlertReport;
import dev.alertbridge.handler.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.Deadline;
import dev.alertbridge.statushub.DeadlineExceededException;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.FanOut;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubRejectedException;
import dev.alertbridge.statushub.StatusHubUnavailableException;
import dev.alertbridge.transition.Current;
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

    private List<ServiceOutcome> apply(BridgeConfig config, List<Transition> transitions, Deadline deadline) {
        List<Future<Delivered>> writes = new ArrayList<>();
        for (Transition transition : transitions) {
            writes.add(transition instanceof Transition.Write write && write.linked().mode() == WriteMode.LIVE
                    ? FanOut.executor().submit(() -> gateway.apply(config, write, deadline))
                    : null);
        }
        List<ServiceOutcome> outcomes = new ArrayList<>();
        Map<Transition.Create, String> created = new LinkedHashMap<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition transition = transitions.get(i);
            ServiceTarget service = transition.service();
            Delivered.Via via = StatusHubGateway.via(service);
            ServiceOutcome outcome;
            if (transition instanceof Transition.Unchanged unchanged) {
                outcome = ServiceOutcome.unchanged(service.id(), via, unchanged.incidentId(), unchanged.why());
            } else if (transition instanceof Transition.Skip skip) {
                outcome = ServiceOutcome.skipped(service.id(), via, skip.why(), null);
            } else if (writes.get(i) == null) {
                outcome = shadow(config, (Transition.Write) transition);
            } else {
                outcome = await(service, writes.get(i), deadline);
            }
            if (transition instanceof Transition.Create create && outcome.result() == InvocationReport.Result.CREATED
                    && via == Delivered.Via.MANAGEMENT_API) {
                created.put(create, outcome.incidentId());
            }
            outcomes.add(outcome);
        }
        return settle(config, created, outcomes, deadline);
    }

    /** Shadow mode: the write is decided as usual, logged and reported with its request, and not sent. */
    private ServiceOutcome shadow(BridgeConfig config, Transition.Write write) {
        String request = gateway.preview(config, write);
        LOG.infof("shadow mode, not sent: %s", request);
        String would = write instanceof Transition.Create ? "would create an incident" : "would update incident "
                + ((Transition.MarkMonitoring) write).incidentId();
        return ServiceOutcome.skipped(write.service().id(), StatusHubGateway.via(write.service()),
                "shadow mode: " + would, request);
    }

    /** Replaces the outcome of creates that another execution environment made at the same moment. */
    private List<ServiceOutcome> settle(BridgeConfig config, Map<Transition.Create, String> created,
            List<ServiceOutcome> outcomes, Deadline deadline) {
        Map<String, String> duplicates = created.isEmpty() ? Map.of() : gateway.settle(config, created, deadline);
        if (duplicates.isEmpty()) {
            return outcomes;
        }
        return outcomes.stream().map(o -> o.result() != InvocationReport.Result.CREATED
                || !duplicates.containsKey(o.service()) ? o
                        : ServiceOutcome.unchanged(o.service(), o.via(), duplicates.get(o.service()),
                                "created at the same moment by another execution environment as incident "
                                        + duplicates.get(o.service()) + "; the duplicate " + o.incidentId()
                                        + " was resolved"))
                .toList();
    }

    private static ServiceOutcome await(ServiceTarget service, Future<Delivered> write, Deadline deadline) {
        try {
            // The calls bound themselves by the deadline; the extra second only covers scheduling.
            return ServiceOutcome.delivered(service.id(),
                    write.get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return failure(service, e.getCause());
        } catch (TimeoutException e) {
            write.cancel(true);
            return failure(service, new DeadlineExceededException("finish the StatusHub call"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(service, new DeadlineExceededException("finish the StatusHub call (interrupted)"));
        }
    }

    private static ServiceOutcome failure(ServiceTarget service, Throwable e) {
        Delivered.Via via = StatusHubGateway.via(service);
        if (e instanceof StatusHubRejectedException rejected) {
            return ServiceOutcome.failed(service.id(), via, rejected.getMessage(), false);
        }
        if (e instanceof StatusHubUnavailableException || e instanceof DeadlineExceededException) {
            return ServiceOutcome.failed(service.id(), via, e.getMessage(), true);
        }
        // Unexpected: name the type only, a message might quote a URL with its token.
        return ServiceOutcome.failed(service.id(), via, "unexpected " + e.getClass().getSimpleName(), true);
    }
}
