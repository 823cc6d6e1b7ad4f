package dev.alertbridge.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.report.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.Delivered;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.ServiceView;
import dev.alertbridge.transition.Transition;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * One alert on one linked service: decide, write, converge.
 *
 * <p>
 * A write StatusHub held back (a 429, a refused connection: surely not applied) is decided again after the wait,
 * from what StatusHub shows then ({@link HeldBackWrites}: SmallRye Fault Tolerance's retry); it is never re-sent
 * with the body decided before the wait. After a write that sets the service's status, the service's incidents are
 * listed again (a list that started after the write's answer), so whichever environment's write landed last sees
 * every other's: two creates of one episode keep the older incident and resolve the newer; a status the open
 * incidents do not justify is corrected on this alert's own incident, at most {@link #ROUNDS} times.
 */
final class ServiceConvergence implements Convergent {
    private static final Logger LOG = Logger.getLogger(ServiceConvergence.class);
    /** Corrections after one write: each is itself checked, so a page under fire still settles or reports. */
    static final int ROUNDS = 3;

    /** Below this, a further read and write cannot finish: the scheduled reconciliation takes over. */

    /**
     * What every service of one invocation shares: StatusHub as the invocation sees it, the deciders, the
     * invocation's time, and the retry of a write StatusHub held back.
     */
    record Shared(StatusHubSession session, TransitionPlanner planner, Convergence convergence, PageTexts texts,
            Deadline deadline, Instant now, HeldBackWrites heldBack) {

        /** A round of the check reads and may write once: not begun with less time than this left. */
        private static final Duration ROUND_TIME = Duration.ofMillis(500);

        /** Whether another round of the page check fits in what is left of the invocation. */
        boolean roundFits() {
            return deadline.remaining().compareTo(ROUND_TIME) > 0;
        }

        /** One write of the check, taken again after a wait StatusHub asked for. */
        StatusHubSession.Landed write(Transition.Write write) {
            return heldBack.decided(() -> session.write(write), StatusHubSession.Landed.class);
        }

        /** A decision and its write; after a wait StatusHub asked for, decided again from what it shows then. */
        <T> T decidedAfresh(Supplier<T> decideAndWrite, Class<T> type) {
            int[] attempts = { 0 };
            return heldBack.decided(() -> {
                if (attempts[0]++ > 0) {
                    session.refreshAfter(System.nanoTime());
                }
                return decideAndWrite.get();
            }, type);
        }
    }

    /** What a create that raced its twin reports: the twin created first is kept, this one was resolved. */
    static String twinResolved(String kept, String duplicate) {
        return "created at the same moment by another execution environment as incident " + kept + "; the duplicate "
                + duplicate + " was resolved";
    }

    /** Shadow mode: the write is decided as usual, logged and reported with its request, and not sent. */
    static ServiceOutcome shadowed(StatusHubSession session, String serviceId, Delivered.Via via,
            Transition.Write write) {
        String request = session.preview(write);
        LOG.infof("shadow mode, not sent: %s", request);
        String would = write instanceof Transition.Create ? "would create an incident"
                : "would update incident " + write.incidentId();
        return ServiceOutcome.shadowed(serviceId, via, would, request);
    }

    private final Shared shared;
    /** The shared session, which every step reads and writes through. */
    private final StatusHubSession session;
    private final Alert alert;
    private final LinkedService service;
    /** What landed, by incident (a create under "new"): kept across the re-decisions after a wait. */
    private final Map<String, Step> landed = new LinkedHashMap<>();

    ServiceConvergence(Shared shared, Alert alert, LinkedService service) {
        this.shared = shared;
        this.session = shared.session();
        this.alert = alert;
        this.service = service;
    }

    /** A transition, and how its write landed (null when nothing was written). */
    private record Step(Transition transition, StatusHubSession.Landed landed) {
    }

    private List<ServiceOutcome> outcomes = new ArrayList<>();
    private Step last;

    /**
     * Decides and writes. Returns when the page may now be wrong, as {@link System#nanoTime} of the write's answer,
     * or empty: then {@link #converge} has nothing to check.
     */
    @Override
    public Optional<Long> write() {
        List<Step> steps;
        try {
            steps = decideAndWrite();
        } catch (RuntimeException e) {
            outcomes = new ArrayList<>(landed.values().stream().map(this::outcome).toList());
            outcomes.add(AlertPipeline.failure(service.service(), e));
            return Optional.empty();
        }
        outcomes = new ArrayList<>(steps.stream().map(this::outcome).toList());
        last = steps.stream().filter(s -> s.landed() != null).reduce((a, b) -> b).orElse(null);
        return last != null && service.service().viaManagementApi() && needsCheck(last)
                ? Optional.of(last.landed().at())
                : Optional.empty();
    }

    /** Which service: checks of one service run in turn. */
    @Override
    public String serviceKey() {
        return service.service().id();
    }

    /** What happened to the service so far (what {@link #write} did, before any check). */
    @Override
    public List<ServiceOutcome> outcomes() {
        return outcomes;
    }

    /**
     * After {@link #write}: the page checked, corrected where needed; what happened to the service. Unless this is
     * the invocation's last write on the service ({@code settles}), a later one set what the page shows: then only
     * a twin of a create is looked for.
     */
    @Override
    public List<ServiceOutcome> converge(boolean settles) {
        if (last != null && service.service().viaManagementApi() && needsCheck(last)) {
            try {
                converge(last, outcomes, settles);
            } catch (RuntimeException e) {
                // What landed stands; the check is what failed: report it, the event's retry checks again.
                outcomes.add(AlertPipeline.failure(service.service(), e));
            }
        }
        return outcomes;
    }

    /** Plans and writes; after a wait for StatusHub, plans again from what it shows then. */
    private List<Step> decideAndWrite() {
        return shared.decidedAfresh(() -> {
            List<Step> steps = new ArrayList<>();
            ServiceView view = session.view(alert, service.service());
            for (Transition transition : shared.planner().plan(alert, service, view, shared.now())) {
                if (!(transition instanceof Transition.Write write) || service.mode() != WriteMode.LIVE) {
                    if (transition.incidentId() == null || !landed.containsKey(transition.incidentId())) {
                        steps.add(new Step(transition, null));
                    }
                    continue;
                }
                String key = write.incidentId() == null ? "new" : write.incidentId();
                if (!landed.containsKey(key)) {
                    landed.put(key, new Step(write, session.write(write)));
                }
            }
            List<Step> all = new ArrayList<>(landed.values());
            all.addAll(steps);
            return all;
        }, List.class);
    }

    /**
     * Whether the page may now be wrong: a create (another environment may have created the same incident) and any
     * write that set the service to less than down. An update that keeps an open incident down cannot be wrong:
     * the incident itself justifies it.
     */
    private static boolean needsCheck(Step step) {
        Transition.Write write = (Transition.Write) step.transition();
        return write instanceof Transition.Create || write.draft().status() != ServiceStatus.DOWN
                || !write.draft().type().holdsStatus() || reopens(write);
    }

    /** A flap's continuation: it reopens an incident a person may have resolved in the same moment. */
    private static boolean reopens(Transition.Write write) {
        return write instanceof Transition.Update update && update.purpose() == Transition.Purpose.REOPEN;
    }

    private void converge(Step last, List<ServiceOutcome> outcomes, boolean settles) {
        Transition.Write written = (Transition.Write) last.transition();
        String ownId = last.landed().delivered().incidentId();
        ServiceStatus status = written.draft().status();
        long landedAt = last.landed().at();
        long serviceId = service.service().serviceId();
        if (reopens(written)) {
            Optional<StatusHubSession.Landed> restored = restorePersonsResolution(ownId);
            if (restored.isPresent()) {
                outcomes.add(ServiceOutcome.updatedAgain(service.id(), restored.get().delivered(), "a person "
                        + "resolved incident " + ownId + " while it was being continued: their resolution stands"));
                return;
            }
        }
        for (int round = 0; round < ROUNDS && shared.roundFits(); round++) {
            session.refreshAfter(landedAt);
            if (round == 0 && written instanceof Transition.Create) {
                Optional<String> kept = olderTwin(ownId);
                if (kept.isPresent()) {
                    status = Convergence.justifiedWithout(session.incidents(), serviceId, ownId);
                    StatusHubSession.Landed resolved = write(duplicate(ownId, kept.get(), status));
                    outcomes.set(indexOf(outcomes, ownId), ServiceOutcome.unchanged(service.id(),
                            StatusHubGateway.via(service.service()), kept.get(), twinResolved(kept.get(), ownId)));
                    ownId = kept.get();
                    landedAt = resolved.at();
                    continue;
                }
            }
            if (!settles) {
                return;
            }
            Optional<HubIncident> own = session.incident(ownId);
            // Compared with the bridge's own newest write there, never a person's: theirs stands.
            Optional<Transition.Update> correction = own.flatMap(incident -> incident.bridgeWrote(serviceId).flatMap(
                    mine -> shared.convergence().correct(service, incident, mine, session.incidents(),
                            shared.now())));
            if (correction.isEmpty()) {
                return;
            }
            LOG.infof("%s on %s: another write landed meanwhile; posting %s on incident %s", alert.monitor(),
                    service.id(), correction.get().draft().status().wireName(), ownId);
            StatusHubSession.Landed corrected = write(correction.get());
            outcomes.add(ServiceOutcome.updatedAgain(service.id(), corrected.delivered(),
                    "corrected to " + correction.get().draft().status().wireName() + ": another write landed "
                            + "meanwhile"));
            landedAt = corrected.at();
        }
        if (!shared.roundFits()) {
            LOG.warnf("%s on %s: no time left to check the page after the write; the next event or the "
                    + "reconciliation does", alert.monitor(), service.id());
        }
    }

    /**
     * After a continuation landed: when a person's Resolved landed between the bridge's read and its write (it sits
     * right under the continuation, after the bridge's clear), the person's update is posted again as they wrote it,
     * so their decision stands as the newest update and nothing reopens it.
     */
    private Optional<StatusHubSession.Landed> restorePersonsResolution(String ownId) {
        Optional<HubIncident> now = session.readAgain(ownId);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        List<HubIncident.Update> updates = now.get().updates();
        Optional<HubIncident.Update> resolved = updates.stream().skip(1).takeWhile(u -> !u.byBridge())
                .filter(u -> u.type() == IncidentType.RESOLVED).findFirst();
        if (updates.isEmpty() || !updates.get(0).byBridge() || resolved.isEmpty()) {
            return Optional.empty();
        }
        long serviceId = service.service().serviceId();
        ServiceStatus status = resolved.get().statuses().getOrDefault(serviceId,
                Convergence.justifiedWithout(session.incidents(), serviceId, ownId));
        LOG.infof("%s on %s: a person resolved incident %s meanwhile; their resolution is posted again", alert.monitor(),
                service.id(), ownId);
        return Optional.of(write(new Transition.Update(service, ownId, IncidentDraft.of(now.get().ref().orElseThrow(),
                now.get().title(), resolved.get().body(), shared.now().truncatedTo(ChronoUnit.SECONDS),
                IncidentType.RESOLVED, status), Transition.Purpose.CORRECTION)));
    }

    /** Another open incident of this alert's episode on the service, created before this one (the lower id). */
    private Optional<String> olderTwin(String ownId) {
        ServiceView.Shown shown = ServiceView.of(alert, service.service(), session.incidents());
        return shown.own().stream().filter(o -> o.sameEpisode() && o.incident().open())
                .map(o -> o.incident().id()).filter(id -> !id.equals(ownId))
                .filter(id -> HubIncident.IDS_BY_CREATION.compare(id, ownId) < 0).min(HubIncident.IDS_BY_CREATION);
    }

    private Transition.Update duplicate(String ownId, String kept, ServiceStatus status) {
        HubIncident own = session.incident(ownId).orElseThrow();
        Instant at = shared.now().truncatedTo(ChronoUnit.SECONDS);
        var ref = own.ref().orElseThrow();
        return new Transition.Update(service, ownId, IncidentDraft.of(ref, own.title(),
                shared.texts().duplicate(service, status, ref), at, IncidentType.RESOLVED, status),
                Transition.Purpose.DUPLICATE);
    }

    private StatusHubSession.Landed write(Transition.Write write) {
        return shared.write(write);
    }

    private static int indexOf(List<ServiceOutcome> outcomes, String incidentId) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (incidentId.equals(outcomes.get(i).incidentId())) {
                return i;
            }
        }
        throw new IllegalStateException("no outcome for incident " + incidentId);
    }

    private ServiceOutcome outcome(Step step) {
        Transition transition = step.transition();
        var via = StatusHubGateway.via(service.service());
        if (transition instanceof Transition.Unchanged unchanged) {
            return ServiceOutcome.unchanged(service.id(), via, unchanged.incidentId(), unchanged.why());
        }
        if (transition instanceof Transition.Skip skip) {
            return ServiceOutcome.skipped(service.id(), via, skip.why(), null);
        }
        Transition.Write write = (Transition.Write) transition;
        if (step.landed() == null) {
            return shadowed(session, service.id(), via, write);
        }
        return ServiceOutcome.delivered(service.id(), step.landed().delivered());
    }
}
