package dev.alertbridge.handler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.handler.InvocationReport.AlertReport;
import dev.alertbridge.handler.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.Deadline;
import dev.alertbridge.statushub.DeadlineExceededException;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.FanOut;
import dev.alertbridge.statushub.ManagementApiDelivery;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubRejectedException;
import dev.alertbridge.statushub.StatusHubUnavailableException;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.Transition;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * For each alert: find its linked services, ask StatusHub what it shows, plan, and apply the writes to all
 * services at once (paced per key). A failure on one service neither undoes nor blocks the others; it is
 * reported, and the retry of the event finishes the rest without repeating what landed.
 */
@ApplicationScoped
public class AlertDispatcher {
    private final StatusHubGateway gateway;
    private final TransitionPlanner planner = new TransitionPlanner();

    public AlertDispatcher(StatusHubGateway gateway) {
        this.gateway = gateway;
    }

    public InvocationReport dispatch(List<Alert> alerts, BridgeConfig config, List<ServiceLink> links,
            Deadline deadline, Instant now, boolean dryRun) {
        List<AlertReport> reports = new ArrayList<>();
        for (Alert alert : alerts) {
            reports.add(dispatch(alert, config, links, deadline, now));
        }
        return new InvocationReport(dryRun, reports);
    }

    private AlertReport dispatch(Alert alert, BridgeConfig config, List<ServiceLink> links, Deadline deadline,
            Instant now) {
        List<ServiceTarget> services = config.servicesFor(alert, links);
        String state = alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (services.isEmpty()) {
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(),
                    "no service is linked to this monitor at escalation level " + alert.escalationLevel(), List.of());
        }
        Map<String, Current> current;
        try {
            current = alert.state() == AlertState.NO_CHANGE ? Map.of()
                    : gateway.lookup(config, alert, services, deadline);
        } catch (RuntimeException e) {
            List<ServiceOutcome> failed = services.stream().map(s -> failure(s, e)).toList();
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(), null,
                    failed);
        }
        List<Transition> transitions = planner.plan(alert, services, current, now);
        return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(), null,
                apply(config, transitions, deadline));
    }

    private List<ServiceOutcome> apply(BridgeConfig config, List<Transition> transitions, Deadline deadline) {
        List<Future<Delivered>> writes = new ArrayList<>();
        for (Transition transition : transitions) {
            writes.add(transition instanceof Transition.Write write
                    ? FanOut.executor().submit(() -> gateway.apply(config, write, deadline))
                    : null);
        }
        List<ServiceOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition transition = transitions.get(i);
            ServiceTarget service = transition.service();
            String via = StatusHubGateway.via(service);
            if (transition instanceof Transition.Unchanged unchanged) {
                outcomes.add(new ServiceOutcome(service.id(), via, "unchanged", null, unchanged.why(), null, false));
            } else if (transition instanceof Transition.Skip skip) {
                outcomes.add(new ServiceOutcome(service.id(), via, "skipped", null, skip.why(), null, false));
            } else {
                outcomes.add(await(service, writes.get(i), deadline));
            }
        }
        return settle(config, transitions, outcomes, deadline);
    }

    /** Replaces the outcome of creates that another execution environment made at the same moment. */
    private List<ServiceOutcome> settle(BridgeConfig config, List<Transition> transitions,
            List<ServiceOutcome> outcomes, Deadline deadline) {
        Map<Transition.Create, String> created = new java.util.LinkedHashMap<>();
        for (int i = 0; i < transitions.size(); i++) {
            ServiceOutcome outcome = outcomes.get(i);
            if (transitions.get(i) instanceof Transition.Create create && outcome.result().equals("created")
                    && outcome.via().equals(ManagementApiDelivery.VIA)) {
                created.put(create, outcome.incidentId());
            }
        }
        Map<String, String> duplicates = gateway.settle(config, created, deadline);
        if (duplicates.isEmpty()) {
            return outcomes;
        }
        return outcomes.stream().map(o -> !duplicates.containsKey(o.service()) ? o
                : new ServiceOutcome(o.service(), o.via(), "unchanged", duplicates.get(o.service()),
                        "created at the same moment by another execution environment as incident "
                                + duplicates.get(o.service()) + "; the duplicate " + o.incidentId() + " was resolved",
                        null, false))
                .toList();
    }

    private static ServiceOutcome await(ServiceTarget service, Future<Delivered> write, Deadline deadline) {
        try {
            // The calls bound themselves by the deadline; the extra second only covers scheduling.
            Delivered done = write.get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new ServiceOutcome(service.id(), done.via(), done.result(), done.incidentId(), done.note(),
                    done.request(), false);
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
        String via = StatusHubGateway.via(service);
        if (e instanceof StatusHubRejectedException rejected) {
            return new ServiceOutcome(service.id(), via, "failed", null, rejected.getMessage(), null, false);
        }
        if (e instanceof StatusHubUnavailableException || e instanceof DeadlineExceededException) {
            return new ServiceOutcome(service.id(), via, "failed", null, e.getMessage(), null, true);
        }
        // Unexpected: name the type only, a message might quote a URL with its token.
        return new ServiceOutcome(service.id(), via, "failed", null, "unexpected " + e.getClass().getSimpleName(),
                null, true);
    }
}
