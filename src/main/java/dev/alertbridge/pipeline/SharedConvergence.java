package dev.alertbridge.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.report.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.ServiceView;
import dev.alertbridge.transition.SharedIncident;
import dev.alertbridge.transition.SharedIncidentPlanner;
import dev.alertbridge.transition.SharedIncidentRepair;
import dev.alertbridge.transition.Transition;

/**
 * One alert on the services it shares with its group ({@code group}): decide, write, converge, as
 * {@link ServiceConvergence} does for one service, on the group's one public incident.
 *
 * <p>
 * After a write the hub is read again (the re-read every check of the invocation shares) and the incident as it
 * lands decides: two members that created at once left two incidents of the group, and whoever created the younger
 * resolves it at once, saying it was opened twice, and joins the older; a join that raced the last member's clear,
 * or another environment's write that left a status unjustified, is corrected on the incident
 * ({@link SharedIncidentRepair#correct}), at most {@link ServiceConvergence#ROUNDS} times.
 */
final class SharedConvergence implements Convergent {
    private static final Logger LOG = Logger.getLogger(SharedConvergence.class);

    private final ServiceConvergence.Shared shared;
    private final StatusHubSession session;
    private final SharedIncidentPlanner planner;
    private final SharedIncidentRepair repair;
    private final Alert alert;
    private final String group;
    private final List<LinkedService> partition;
    private final Map<Long, String> names;
    private final List<ServiceOutcome> outcomes = new ArrayList<>();
    private Transition.Write last;
    private StatusHubSession.Landed landed;

    /**
     * @param group the group's hash ({@link IncidentRef#groupOf})
     * @param partition the alert's services of this group, each with the status its links give it
     * @param names every configured service's name by StatusHub id
     */
    SharedConvergence(ServiceConvergence.Shared shared, SharedIncidentPlanner planner, Alert alert, String group,
            List<LinkedService> partition, Map<Long, String> names) {
        this.shared = shared;
        this.session = shared.session();
        this.planner = planner;
        this.repair = new SharedIncidentRepair(shared.texts());
        this.alert = alert;
        this.group = group;
        this.partition = List.copyOf(partition);
        this.names = names;
    }

    /**
     * Decides and writes; after a wait StatusHub asked for, decides again from what it shows then. Returns when the
     * write's answer came (System.nanoTime), or empty when nothing was written.
     */
    @Override
    public Optional<Long> write() {
        try {
            List<Transition> transitions = shared.decidedAfresh(() -> {
                List<Transition> decided = planner.plan(alert, partition, view(), shared.now());
                for (Transition transition : decided) {
                    if (transition instanceof Transition.Write write && live() && landed == null) {
                        landed = session.write(write);
                        last = write;
                    }
                }
                return decided;
            }, List.class);
            transitions.forEach(this::record);
        } catch (RuntimeException e) {
            partition.forEach(s -> outcomes.add(AlertPipeline.failure(s.service(), e)));
            return Optional.empty();
        }
        return landed == null ? Optional.empty() : Optional.of(landed.at());
    }

    /** What each service of the partition reports of one decision. */
    private void record(Transition transition) {
        var via = StatusHubGateway.via(partition.get(0).service());
        for (LinkedService service : partition) {
            if (transition instanceof Transition.Unchanged unchanged) {
                outcomes.add(ServiceOutcome.unchanged(service.id(), via, unchanged.incidentId(), unchanged.why()));
            } else if (transition instanceof Transition.Skip skip) {
                outcomes.add(ServiceOutcome.skipped(service.id(), via, skip.why(), null));
            } else if (transition == last) {
                outcomes.add(ServiceOutcome.delivered(service.id(), landed.delivered()));
            } else {
                outcomes.add(ServiceConvergence.shadowed(session, service.id(), via, (Transition.Write) transition));
            }
        }
    }

    /** A shared write goes out only when every service of the partition is written live. */
    private boolean live() {
        return partition.stream().allMatch(s -> s.mode() == WriteMode.LIVE);
    }

    /** Checks of one group run in turn: they read and write one incident. */
    @Override
    public String serviceKey() {
        return "group:" + group;
    }

    @Override
    public List<ServiceOutcome> outcomes() {
        return outcomes;
    }

    @Override
    public List<ServiceOutcome> converge(boolean settles) {
        if (landed == null) {
            return outcomes;
        }
        try {
            String own = landed.delivered().incidentId();
            long landedAt = landed.at();
            for (int round = 0; round < ServiceConvergence.ROUNDS && shared.roundFits(); round++) {
                session.refreshAfter(landedAt);
                if (round == 0 && last instanceof Transition.Create) {
                    Optional<String> older = olderTwin(own);
                    if (older.isPresent()) {
                        landedAt = mergeInto(own, older.get());
                        own = older.get();
                        continue;
                    }
                }
                if (!settles) {
                    return outcomes;
                }
                // Read in full after a join or a release: a list that shows this write's type cannot show another
                // member's join that landed just before it (membership lives in the updates). A create's duplicate
                // check is its re-read.
                Optional<SharedIncident> incident = (round == 0 && !(last instanceof Transition.Create)
                        ? session.readAgain(own)
                        : session.incident(own)).flatMap(HubIncident::shared);
                Optional<Transition.Update> correction = incident.flatMap(i -> repair.correct(alert,
                        partition.get(0), i, session.incidents(), view(), shared.now()));
                if (correction.isEmpty()) {
                    return outcomes;
                }
                LOG.infof("%s on incident %s: another write landed meanwhile; posting what its members justify",
                        alert.monitor(), own);
                StatusHubSession.Landed corrected = shared.write(correction.get());
                partition.forEach(s -> outcomes.add(ServiceOutcome.updatedAgain(s.id(), corrected.delivered(),
                        "corrected: another write landed meanwhile")));
                landedAt = corrected.at();
            }
        } catch (RuntimeException e) {
            partition.forEach(s -> outcomes.add(AlertPipeline.failure(s.service(), e)));
        }
        return outcomes;
    }

    /** Another open incident of the group, created before this one (the lower id): two members created at once. */
    private Optional<String> olderTwin(String own) {
        return session.group(group).stream().filter(s -> s.incident().open()).map(s -> s.incident().id())
                .filter(id -> !id.equals(own) && HubIncident.IDS_BY_CREATION.compare(id, own) < 0)
                .min(HubIncident.IDS_BY_CREATION);
    }

    /**
     * Two members created at once: this younger copy is resolved at once, saying it was opened twice (this member's
     * state cleared in it), and this member joins the older one; returns when the last write landed.
     */
    private long mergeInto(String younger, String older) {
        HubIncident copy = session.incident(younger).orElseThrow();
        IncidentRef mine = copy.refs().get(0);
        Instant at = shared.now().truncatedTo(ChronoUnit.SECONDS);
        Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
        copy.shared().orElseThrow().services().forEach(service -> statuses.put(service,
                Convergence.justifiedWithout(session.incidents(), service, younger)));
        IncidentRef cleared = mine.clearedAt(at);
        LinkedService primary = partition.get(0);
        String body = shared.texts().duplicate(primary, ServiceStatus.worstOf(statuses.values()), cleared);
        StatusHubSession.Landed resolved = shared.write(new Transition.Update(primary, younger,
                IncidentDraft.shared(cleared, copy.title(), body, at, IncidentType.RESOLVED, statuses, false),
                Transition.Purpose.DUPLICATE));
        outcomes.clear();
        partition.forEach(s -> outcomes.add(ServiceOutcome.unchanged(s.id(), StatusHubGateway.via(s.service()),
                older, ServiceConvergence.twinResolved(older, younger))));
        session.refreshAfter(resolved.at());
        long lastLanded = resolved.at();
        for (Transition transition : planner.plan(alert, partition, view(), shared.now())) {
            if (transition instanceof Transition.Write write) {
                StatusHubSession.Landed joined = shared.write(write);
                last = write;
                lastLanded = joined.at();
                partition.forEach(s -> outcomes.add(ServiceOutcome.updatedAgain(s.id(), joined.delivered(),
                        "joined incident " + older)));
            }
        }
        return lastLanded;
    }

    /** The group as this invocation knows it: its incidents, what other incidents hold, maintenances, names. */
    private SharedIncidentPlanner.GroupView view() {
        List<SharedIncident> incidents = session.group(group);
        Set<Long> services = new LinkedHashSet<>();
        partition.forEach(s -> services.add(s.service().serviceId()));
        incidents.forEach(i -> services.addAll(i.services()));
        Map<Long, ServiceView.Held> othersHold = new LinkedHashMap<>();
        for (HubIncident incident : session.incidents()) {
            if (incident.shared().filter(s -> s.group().equals(group)).isPresent()) {
                continue;
            }
            for (long service : services) {
                incident.held(service).ifPresent(held -> othersHold.merge(service, held,
                        (a, b) -> b.status().worse(a.status()) ? b : a));
            }
        }
        Set<Long> maintenance = new LinkedHashSet<>();
        partition.stream().filter(s -> s.policy().skipsMaintenances())
                .filter(s -> session.maintenanceOn(s.service()).isPresent())
                .forEach(s -> maintenance.add(s.service().serviceId()));
        return new SharedIncidentPlanner.GroupView(group, incidents, othersHold, maintenance, names);
    }

    /** StatusHub's ids grow with creation: numeric ones by value, others by length then text. */
}
