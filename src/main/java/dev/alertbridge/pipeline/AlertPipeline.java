package dev.alertbridge.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.AlertReport;
import dev.alertbridge.report.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.Deadline;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.FanOut;
import dev.alertbridge.statushub.StatusHubCalls;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.statushub.StatusHubUnavailableException;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.TransitionPlanner;
import io.smallrye.faulttolerance.api.Guard;

/**
 * For each alert: its linked services, what StatusHub shows them (read once for the whole invocation), a decision
 * per service, the writes, and then convergence: after a write that sets a service's status, the service's open
 * incidents are read again and, where another environment's write landed meanwhile, the justified status is posted
 * on the alert's own incident ({@link ServiceConvergence}). Services of one alert are handled at once (paced per
 * key); alerts one after another, so each decision sees the invocation's earlier writes. A failure on one service
 * neither undoes nor blocks the others; it is reported, and the retry of the event finishes the rest without
 * repeating what landed. Services in shadow mode are decided but not written; in mode off they are not even read.
 */
@ApplicationScoped
public class AlertPipeline {
    private static final Logger LOG = Logger.getLogger(AlertPipeline.class);
    private final StatusHubGateway gateway;
    private final PageTexts texts = new PageTexts();
    private final TransitionPlanner planner = new TransitionPlanner(texts);
    private final Convergence convergence = new Convergence(texts);
    private Guard heldBack;

    public AlertPipeline(StatusHubGateway gateway) {
        this.gateway = gateway;
    }

    public InvocationReport run(Adapted adapted, BridgeConfig config, List<ServiceLink> links, Deadline deadline,
            Instant now, boolean dryRun) {
        StatusHubSession session = gateway.session(config, deadline, now);
        return run(session, adapted, config, links, deadline, now, dryRun);
    }

    InvocationReport run(StatusHubSession session, Adapted adapted, BridgeConfig config, List<ServiceLink> links,
            Deadline deadline, Instant now, boolean dryRun) {
        Map<Alert, List<LinkedService>> linked = new LinkedHashMap<>();
        for (Alert alert : adapted.alerts()) {
            linked.put(alert, config.servicesFor(alert, links));
        }
        RuntimeException unreadable = null;
        try {
            Map<Alert, List<ServiceTarget>> reachable = new LinkedHashMap<>();
            linked.forEach((alert, services) -> reachable.put(alert, services.stream()
                    .filter(s -> s.mode() != WriteMode.OFF).map(LinkedService::service).toList()));
            session.prepare(reachable);
        } catch (RuntimeException e) {
            unreadable = e;
        }
        if (unreadable == null) {
            linked.replaceAll((alert, services) -> withOpenIncidents(session, config, alert, services));
        }
        List<AlertReport> reports = new ArrayList<>();
        for (Map.Entry<Alert, List<LinkedService>> entry : linked.entrySet()) {
            reports.add(alert(session, entry.getKey(), entry.getValue(), deadline, now, unreadable));
        }
        String mode = config.mode() == WriteMode.LIVE ? null : config.mode().configName();
        return new InvocationReport(dryRun, mode, reports, adapted.unusable());
    }

    private AlertReport alert(StatusHubSession session, Alert alert, List<LinkedService> linked, Deadline deadline,
            Instant now, RuntimeException unreadable) {
        String state = alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (linked.isEmpty()) {
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(),
                    "no service is linked to this monitor at escalation level " + alert.escalationLevel(), List.of());
        }
        // One slot per linked service, in the links' order: the report lists them so.
        List<List<ServiceOutcome>> slots = new ArrayList<>();
        Map<Integer, ServiceConvergence> written = new LinkedHashMap<>();
        for (LinkedService service : linked) {
            if (service.mode() == WriteMode.OFF) {
                slots.add(List.of(ServiceOutcome.skipped(service.id(), StatusHubGateway.via(service.service()),
                        "mode off: the bridge writes nothing to this service", null)));
            } else if (unreadable != null && service.service().viaManagementApi()
                    && alert.state() != AlertState.NO_CHANGE) {
                slots.add(List.of(failure(service.service(), unreadable)));
            } else {
                written.put(slots.size(), new ServiceConvergence(session, planner, convergence, texts, alert,
                        service, deadline, now, this::heldBack));
                slots.add(List.of());
            }
        }
        // Every service's writes first, then one list of the hub after the last of them landed: the re-read that
        // the checks of all these services share.
        List<Supplier<Optional<Long>>> writes = new ArrayList<>();
        written.values().forEach(one -> writes.add(one::write));
        Optional<Long> lastLanded = FanOut.all(writes, deadline).stream().flatMap(Optional::stream)
                .reduce((a, b) -> b - a > 0 ? b : a);
        if (lastLanded.isPresent()) {
            try {
                session.refreshAfter(lastLanded.get());
            } catch (RuntimeException e) {
                LOG.debugf("the re-read after writing failed: %s", CallFailure.of(e).why());
            }
        }
        List<Supplier<List<ServiceOutcome>>> checks = new ArrayList<>();
        written.values().forEach(one -> checks.add(one::converge));
        List<List<ServiceOutcome>> checked = FanOut.all(checks, deadline);
        int i = 0;
        for (Integer slot : written.keySet()) {
            slots.set(slot, checked.get(i++));
        }
        List<ServiceOutcome> outcomes = new ArrayList<>();
        slots.forEach(outcomes::addAll);
        return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(), null,
                outcomes);
    }

    /**
     * A clear closes what its alert opened, wherever it opened it: the linked services, and every other Management
     * API service the alert's open incidents name (a service removed from the link, a pattern narrowed, a link
     * switched off for a while). A service no longer configured is known by its StatusHub id.
     */
    private static List<LinkedService> withOpenIncidents(StatusHubSession session, BridgeConfig config, Alert alert,
            List<LinkedService> linked) {
        if (alert.state() != AlertState.CLEAR) {
            return linked;
        }
        Set<Long> reached = linked.stream().map(s -> s.service().serviceId()).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<LinkedService> all = new ArrayList<>(linked);
        for (Long serviceId : session.openServicesOf(alert)) {
            if (reached.add(serviceId)) {
                ServiceTarget service = config.services().values().stream()
                        .filter(s -> serviceId.equals(s.serviceId())).findFirst()
                        .orElseGet(() -> new ServiceTarget("statushub-service-" + serviceId, null, serviceId, null));
                all.add(new LinkedService(service, ServiceStatus.DOWN, config.mode()));
            }
        }
        return all;
    }

    /**
     * The retry of a write StatusHub surely did not apply (429, refused connection), decided again each time: twice
     * more at most, after the wait a 429 asked for. Made on first need and never in a static initializer: Quarkus
     * loads the application's classes before CDI is up, and SmallRye's Guard needs it (a plain unit test has none).
     */
    private synchronized Guard heldBack() {
        if (heldBack == null) {
            heldBack = Guard.create().withRetry().maxRetries(2)
                    .whenException(e -> e instanceof StatusHubUnavailableException u && u.notApplied())
                    .withCustomBackoff().strategy(StatusHubCalls.RetryAfterBackoff::new).done().done().build();
        }
        return heldBack;
    }

    static ServiceOutcome failure(ServiceTarget service, Throwable e) {
        CallFailure failure = CallFailure.of(e);
        Delivered.Via via = StatusHubGateway.via(service);
        LOG.debugf("%s failed: %s", service.id(), failure.why());
        return ServiceOutcome.failed(service.id(), via, failure.why(), failure.retryable());
    }
}
