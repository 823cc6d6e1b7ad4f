package dev.alertbridge.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.Group;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.PagePolicy;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.TagLink;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.AlertReport;
import dev.alertbridge.report.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.FanOut;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.SharedIncident;
import dev.alertbridge.transition.SharedIncidentPlanner;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * For each alert: its linked services, what StatusHub shows them (read once for the whole invocation), a decision
 * per service, the writes; then convergence for every write of the invocation at once: after the last write that
 * set a service's status, the hub is listed again (one list for all of a group's alerts) and, where another
 * environment's write landed meanwhile, the justified status is posted on the alert's own incident
 * ({@link ServiceConvergence}). Services of one alert are handled at once (paced per key); alerts one after another,
 * so each decision sees the invocation's earlier writes. An alert reached when less than {@link #CHECK_RESERVE} is
 * left fails retryably without writing, so what was written is still checked and the retry finishes the rest. A
 * failure on one service neither undoes nor blocks the others; it is reported, and the retry of the event finishes
 * the rest without repeating what landed. Services in shadow mode are decided but not written; in mode off they
 * are not even read.
 */
@ApplicationScoped
public class AlertPipeline {
    private static final Logger LOG = Logger.getLogger(AlertPipeline.class);
    /** Kept back from the deadline for the re-read and checks after the writes, and the answer. */
    static final Duration CHECK_RESERVE = Duration.ofSeconds(3);
    private final StatusHubGateway gateway;
    private final PageTexts texts = new PageTexts();
    private final SharedIncidentPlanner sharedPlanner = new SharedIncidentPlanner(texts);
    private final TransitionPlanner planner = new TransitionPlanner(texts);
    private final Convergence convergence = new Convergence(texts);
    private HeldBackWrites heldBack;

    public AlertPipeline(StatusHubGateway gateway) {
        this.gateway = gateway;
    }

    /** Which of an alert's linked services it reaches: every one on the event paths. */
    @FunctionalInterface
    public interface Reach {
        Reach EVERY_SERVICE = (alert, service) -> true;

        boolean reaches(Alert alert, LinkedService service);
    }

    /** Said of an alert the invocation had no time left to apply (its retry, or the next run, applies it). */
    public static final String NOT_REACHED = "not reached in this invocation's time";

    public InvocationReport run(Adapted adapted, BridgeConfig config, AlertLinks links, Deadline deadline,
            Instant now, boolean dryRun) {
        StatusHubSession session = gateway.session(config, deadline, now);
        return run(session, adapted, config, links, Reach.EVERY_SERVICE, deadline, now, dryRun);
    }

    /** The same on a session of the caller's (SnapStart's dress rehearsal runs it on a loopback hub). */
    public InvocationReport run(StatusHubSession session, Adapted adapted, BridgeConfig config, AlertLinks links,
            Deadline deadline, Instant now, boolean dryRun) {
        return run(session, adapted, config, links, Reach.EVERY_SERVICE, deadline, now, dryRun);
    }

    /**
     * Reads, once for the session, what these alerts' decisions need (the reconciliation reads before its other
     * jobs, which share the read). A failure is the caller's: nothing may be decided from part of the hub.
     */
    public void read(StatusHubSession session, List<Alert> alerts, BridgeConfig config, AlertLinks links,
            Reach reach) {
        read(session, linked(alerts, config, links, reach));
    }

    private static Map<Alert, List<LinkedService>> linked(List<Alert> alerts, BridgeConfig config,
            AlertLinks links, Reach reach) {
        Map<Alert, List<LinkedService>> linked = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            linked.put(alert, alert.state().reachesNoService() ? List.of()
                    : config.servicesFor(alert, links).stream()
                            .filter(s -> reach.reaches(alert, s)).toList());
        }
        return linked;
    }

    /** One read for every alert: the maintenances if a service's policy skips them, flaps as far back as any looks. */
    private static void read(StatusHubSession session, Map<Alert, List<LinkedService>> linked) {
        Map<Alert, List<ServiceTarget>> reachable = new LinkedHashMap<>();
        linked.forEach((alert, services) -> reachable.put(alert, services.stream()
                .filter(s -> s.mode() != WriteMode.OFF).map(LinkedService::service).toList()));
        List<PagePolicy> policies = linked.values().stream().flatMap(List::stream).map(LinkedService::policy).toList();
        Duration reopenWithin = policies.stream().map(PagePolicy::reopenWithin).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        session.prepare(reachable, policies.stream().anyMatch(PagePolicy::skipsMaintenances), reopenWithin);
    }

    /** The same, each alert reaching the services {@code reach} lets it (the reconciliation's integration URLs). */
    public InvocationReport run(StatusHubSession session, Adapted adapted, BridgeConfig config, AlertLinks links,
            Reach reach, Deadline deadline, Instant now, boolean dryRun) {
        Map<Alert, List<LinkedService>> linked = linked(adapted.alerts(), config, links, reach);
        RuntimeException unreadable = null;
        try {
            read(session, linked);
        } catch (RuntimeException e) {
            unreadable = e;
        }
        if (unreadable == null) {
            linked.replaceAll((alert, services) -> withOpenIncidents(session, config, alert, services));
        }
        // Each alert's writes in turn, so each decision sees the invocation's earlier writes (alerts of one group on
        // one service); then one list of the hub after the last write landed, the re-read every check shares.
        ServiceConvergence.Shared shared = new ServiceConvergence.Shared(session, planner, convergence, texts,
                deadline, now, heldBack());
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<Alert, List<LinkedService>> entry : linked.entrySet()) {
            boolean writtenBefore = pending.stream().anyMatch(p -> p.landed().isPresent());
            pending.add(write(shared, config, entry.getKey(), entry.getValue(), unreadable, writtenBefore));
        }
        Optional<Long> lastLanded = pending.stream().flatMap(p -> p.landed().stream()).reduce(AlertPipeline::later);
        if (lastLanded.isPresent()) {
            try {
                session.refreshAfter(lastLanded.get());
            } catch (RuntimeException e) {
                LOG.debugf("the re-read after writing failed: %s", CallFailure.of(e).why());
            }
        }
        // The checks: one service's in turn, services at once. Only the service's last write of the invocation is
        // what the page shows: its check settles the status; earlier ones only look for a twin create.
        Map<String, List<Convergent>> byService = new LinkedHashMap<>();
        pending.forEach(p -> p.written().values().forEach(one -> byService
                .computeIfAbsent(one.serviceKey(), k -> new ArrayList<>()).add(one)));
        Map<Convergent, List<ServiceOutcome>> checked = new IdentityHashMap<>();
        List<Supplier<Map<Convergent, List<ServiceOutcome>>>> checks = new ArrayList<>();
        byService.values().forEach(inTurn -> checks.add(() -> {
            Map<Convergent, List<ServiceOutcome>> done = new IdentityHashMap<>();
            for (int i = 0; i < inTurn.size(); i++) {
                done.put(inTurn.get(i), inTurn.get(i).converge(i == inTurn.size() - 1));
            }
            return done;
        }));
        FanOut.all(checks, deadline).forEach(checked::putAll);
        List<AlertReport> reports = pending.stream().map(p -> p.report(checked, links.skipped(p.alert()))).toList();
        String mode = config.mode() == WriteMode.LIVE ? null : config.mode().configName();
        return new InvocationReport(dryRun, mode, reports, adapted.unusable());
    }

    /** The later of two {@link System#nanoTime} readings. */
    private static long later(long a, long b) {
        return b - a > 0 ? b : a;
    }

    /**
     * One alert after its writes, before the checks: one slot per linked service in the links' order (the report
     * lists them so), those written waiting for their check.
     */
    private record Pending(Alert alert, String note, List<List<ServiceOutcome>> slots,
            Map<Integer, Convergent> written, Optional<Long> landed) {
        /**
         * The alert's report: its services' outcomes, then what its tags declared that was skipped (an undeclared key
         * as a skipped service, an invalid value in the note).
         */
        AlertReport report(Map<Convergent, List<ServiceOutcome>> checked, List<TagLink.Skipped> skipped) {
            List<ServiceOutcome> outcomes = new ArrayList<>();
            for (int slot = 0; slot < slots.size(); slot++) {
                Convergent one = written.get(slot);
                outcomes.addAll(one == null ? slots.get(slot) : checked.getOrDefault(one, one.outcomes()));
            }
            List<String> notes = new ArrayList<>();
            if (note != null) {
                notes.add(note);
            }
            for (TagLink.Skipped one : skipped) {
                if (one.service() == null) {
                    notes.add(one.why());
                } else {
                    outcomes.add(ServiceOutcome.skipped(one.service(), null, one.why(), null));
                }
            }
            String state = alert.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new AlertReport(alert.source().linkName(), alert.monitor(), state, alert.escalationLevel(),
                    notes.isEmpty() ? null : String.join("; ", notes), outcomes);
        }
    }

    private Pending write(ServiceConvergence.Shared shared, BridgeConfig config, Alert alert,
            List<LinkedService> linked, RuntimeException unreadable, boolean writtenBefore) {
        List<List<ServiceOutcome>> slots = new ArrayList<>();
        Map<Integer, Convergent> written = new LinkedHashMap<>();
        Map<String, List<LinkedService>> groups = new LinkedHashMap<>();
        Map<String, Integer> groupSlots = new LinkedHashMap<>();
        if (alert.state() == AlertState.TEST) {
            return new Pending(alert, "a test notification (a contact point's Test button): "
                    + "nothing is written", slots, written, Optional.empty());
        }
        if (alert.state() == AlertState.HEARTBEAT) {
            return new Pending(alert, "the monitoring pipeline's heartbeat (the configuration's heartbeat): never "
                    + "written to the page; each firing arrival counts in Heartbeats", slots, written,
                    Optional.empty());
        }
        if (linked.isEmpty()) {
            return new Pending(alert, "no service is linked to this monitor at escalation level "
                    + alert.escalationLevel(), slots, written, Optional.empty());
        }
        // Time for the checks of what was already written is kept back: an alert past it waits for the retry.
        boolean late = writtenBefore && shared.deadline().remaining().compareTo(CHECK_RESERVE) < 0;
        String note = late ? NOT_REACHED + ": its retry applies it" : null;
        for (LinkedService service : linked) {
            if (service.mode() == WriteMode.OFF) {
                slots.add(List.of(ServiceOutcome.skipped(service.id(), StatusHubGateway.via(service.service()),
                        "mode off: the bridge writes nothing to this service", null)));
            } else if (unreadable != null && service.service().viaManagementApi()
                    && alert.state() != AlertState.NO_CHANGE) {
                slots.add(List.of(failure(service.service(), unreadable)));
            } else if (late) {
                slots.add(List.of(failure(service.service(), new DeadlineExceededException("apply this alert "
                        + "after the ones before it (they were applied); its retry applies it"))));
            } else {
                Optional<String> group = groupOf(alert, service);
                if (group.isPresent()) {
                    groups.computeIfAbsent(group.get(), g -> new ArrayList<>()).add(service);
                    groupSlots.putIfAbsent(group.get(), slots.size());
                } else {
                    written.put(slots.size(), new ServiceConvergence(shared, alert, service));
                }
                slots.add(List.of());
            }
        }
        if (!late && unreadable == null && alert.state() == AlertState.CLEAR) {
            strayMemberships(shared.session(), config, alert, groups).forEach((group, services) -> {
                if (groups.containsKey(group)) {
                    groups.get(group).addAll(services);
                } else {
                    groups.put(group, new ArrayList<>(services));
                    groupSlots.put(group, slots.size());
                    slots.add(List.of());
                }
            });
        }
        Map<Long, String> names = groups.isEmpty() ? Map.of() : names(config);
        groups.forEach((group, services) -> written.put(groupSlots.get(group), new SharedConvergence(shared,
                sharedPlanner, alert, group, services, names)));
        List<Supplier<Optional<Long>>> writes = new ArrayList<>();
        written.values().forEach(one -> writes.add(one::write));
        Optional<Long> landed = FanOut.all(writes, shared.deadline()).stream().flatMap(Optional::stream)
                .reduce(AlertPipeline::later);
        return new Pending(alert, note, slots, written, landed);
    }

    /**
     * The group an alert's service shares its incident in, by the hash its reference line names it by; empty when
     * the service has its own incident per alert ({@code "group": "off"}, the default) or is an integration URL
     * (write-only: it cannot be read, so it keeps one incident per alert whatever {@code group} says).
     */
    static Optional<String> groupOf(Alert alert, LinkedService service) {
        Group group = service.policy().group();
        if (!service.service().viaManagementApi() || group == null || group == Group.OFF) {
            return Optional.empty();
        }
        String key = group == Group.Shared.ALERT ? "alert|" + alert.source().linkName() + "|"
                + alert.alertKey().toLowerCase(Locale.ROOT)
                : group == Group.Shared.SERVICE ? "service|" + service.service().serviceId()
                        : "name|" + group.configName();
        return Optional.of(IncidentRef.groupOf(key));
    }

    /**
     * A clear releases its alert from every shared incident it is an open member of, also where its links no longer
     * carry that group or that service (edited meanwhile): the services it gives there that its links do not reach,
     * by group, so the report names the service each release writes.
     */
    private static Map<String, List<LinkedService>> strayMemberships(StatusHubSession session, BridgeConfig config,
            Alert alert, Map<String, List<LinkedService>> reached) {
        Map<String, List<LinkedService>> stray = new LinkedHashMap<>();
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        for (SharedIncident incident : session.openMemberships(alert)) {
            if (stray.containsKey(incident.group())) {
                continue;
            }
            Set<Long> linked = reached.getOrDefault(incident.group(), List.of()).stream()
                    .map(service -> service.service().serviceId()).collect(Collectors.toSet());
            IncidentRef member = incident.member(mine).orElseThrow();
            List<LinkedService> services = incident.services().stream()
                    .filter(id -> member.gives(id).isPresent() && !linked.contains(id))
                    .map(id -> config.unlinked(config.serviceWithId(id), member.gives(id).get())).toList();
            if (!services.isEmpty()) {
                stray.put(incident.group(), services);
            }
        }
        return stray;
    }

    /** Every configured Management API service's name, by StatusHub id (a shared incident's texts list them). */
    private static Map<Long, String> names(BridgeConfig config) {
        Map<Long, String> names = new LinkedHashMap<>();
        config.services().values().stream().filter(s -> s.serviceId() != null)
                .forEach(s -> names.put(s.serviceId(), s.name() == null || s.name().isBlank() ? s.id() : s.name()));
        return names;
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
                all.add(config.unlinked(config.serviceWithId(serviceId), ServiceStatus.DOWN));
            }
        }
        return all;
    }

    /**
     * The retry of a write StatusHub surely did not apply (429, refused connection), made on first need: SmallRye's
     * Guard needs the CDI container, up by then. A dry run sends nothing, so nothing is held back and it needs no
     * Guard (the pipeline's plain unit test runs one, without a container).
     */
    private synchronized HeldBackWrites heldBack() {
        if (heldBack == null) {
            heldBack = gateway.sends() ? HeldBackWrites.retried() : HeldBackWrites.ONCE;
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
