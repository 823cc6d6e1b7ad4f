package dev.alertbridge.statushub;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.ServiceView;
import dev.alertbridge.transition.SharedIncident;
import dev.alertbridge.transition.Transition;

/**
 * StatusHub for one invocation: what it shows each service, and the writes, each on its service's path (the
 * Management API of the configured hub, or the service's integration URL).
 */
public final class StatusHubSession {
    /** How far from its episode's start a person may have moved an incident's start time, and it is still found. */
    private static final Duration EPISODE_START_MOVED = Duration.ofDays(1);
    private final HubSession hub;
    private final HookPosts hooks;
    private final Deadline deadline;
    private final Instant now;
    private final Duration lookback;
    private final boolean dryRun;
    /** Services whose page a check reads in the same prepare (the reconciliation's). */
    private List<ServiceTarget> checked = List.of();

    StatusHubSession(HubSession hub, HookPosts hooks, Deadline deadline, Instant now, Duration lookback,
            boolean dryRun) {
        this.dryRun = dryRun;
        this.hub = hub;
        this.hooks = hooks;
        this.deadline = deadline;
        this.now = now;
        this.lookback = lookback;
    }

    /** A write that landed: how, where, and when its answer came (System.nanoTime). */
    public record Landed(Delivered delivered, long at) {
    }

    /**
     * Reads, once for the whole invocation, what these alerts' decisions on these services need: the hub's list
     * since the earliest episode start, every open incident in full, each episode's own incident, and for an ALARM
     * → ALARM update the alert's newest incident (a person may have resolved it).
     */
    public void prepare(Map<Alert, List<ServiceTarget>> linked, boolean skipsMaintenances) {
        prepare(linked, skipsMaintenances, Duration.ZERO);
    }

    /**
     * The same, and for an open the alert's newest incident cleared within {@code reopenWithin} of its start (a flap
     * continues it); with what a check of the services named by {@link #alsoCheck} needs, in the same read.
     */
    public void prepare(Map<Alert, List<ServiceTarget>> linked, boolean skipsMaintenances,
            Duration reopenWithin) {
        // A clear reads the hub even when no Management API service is linked now: its incidents may be there.
        boolean reads = !checked.isEmpty() || linked.entrySet().stream()
                .anyMatch(e -> e.getKey().state() == AlertState.CLEAR || e.getKey().state() == AlertState.OPEN
                        && e.getValue().stream().anyMatch(ServiceTarget::viaManagementApi));
        if (hub == null || !reads) {
            return;
        }
        Instant since = now;
        Set<Instant> starts = new HashSet<>();
        List<HubSession.Search> searches = new ArrayList<>(checkSearches());
        for (Map.Entry<Alert, List<ServiceTarget>> entry : linked.entrySet()) {
            Alert alert = entry.getKey();
            if (!alert.state().changesThePage()) {
                continue;
            }
            if (alert.hasIncidentKey() && alert.openedAt() != null) {
                Instant start = alert.openedAt().truncatedTo(ChronoUnit.SECONDS);
                starts.add(start);
                since = start.isBefore(since) ? start : since;
                if (alert.state() == AlertState.OPEN) {
                    // The episode's own incident is known by its reference line, not by its start: a person may
                    // have corrected the start time, a hub may normalise it. Read on until it is found.
                    // Candidates whose start is near the episode's: a corrected start time moves by minutes, not
                    // days, and a hub with hundreds of incidents touched since an old episode is not read through.
                    IncidentRef episode = IncidentRef.of(alert, ServiceStatus.DOWN);
                    searches.add(new HubSession.Search(start, summary -> summary.start() == null
                            || Duration.between(summary.start(), start).abs().compareTo(EPISODE_START_MOVED) <= 0,
                            incidents -> incidents.stream()
                                    .anyMatch(i -> i.refs().stream().anyMatch(episode::sameEpisode))));
                }
            }
            if (alert.state() == AlertState.OPEN && (alert.continuation() || !reopenWithin.isZero())) {
                Instant from = alert.continuation() ? now.minus(lookback)
                        : alert.episodeStart().minus(reopenWithin);
                for (ServiceTarget service : entry.getValue()) {
                    if (service.viaManagementApi()) {
                        searches.add(new HubSession.Search(from,
                                incidents -> !ServiceView.of(alert, service, incidents).own().isEmpty()
                                        || memberOfShared(alert, incidents)));
                    }
                }
            }
        }
        boolean opens = linked.entrySet().stream().anyMatch(e -> e.getKey().state() == AlertState.OPEN
                && e.getValue().stream().anyMatch(ServiceTarget::viaManagementApi));
        hub.prepare(since, starts, searches, skipsMaintenances && opens);
    }

    /**
     * Reads, among the incidents the prepared list shows, on until the alert's newest incident is known (a
     * continuation decided after the read: a person's end of it must be seen).
     */
    public void findNewest(Alert alert) {
        if (hub != null) {
            IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
            hub.searchListed(new HubSession.Search(now.minus(lookback), incidents -> incidents.stream()
                    .anyMatch(i -> i.refs().stream().anyMatch(mine::sameAlert))));
        }
    }

    /** Whether the alert is (or was) a member of one of these shared incidents. */
    private static boolean memberOfShared(Alert alert, Collection<HubIncident> incidents) {
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        return incidents.stream().filter(i -> i.shared().isPresent())
                .anyMatch(i -> i.refs().stream().anyMatch(mine::sameAlert));
    }

    /**
     * Adds to the coming {@link #prepare} what a check of these services' page needs (the reconciliation): every
     * open incident, and on each service the bridge's most recently active incident within the lookback, whose last
     * write set what the page may still show.
     */
    public void alsoCheck(List<ServiceTarget> services) {
        checked = services.stream().filter(ServiceTarget::viaManagementApi).toList();
    }

    /**
     * Reads, read-only, what explaining these services needs: every open incident, the maintenances in progress, and
     * on each Management API service its most recently active incident that is no longer open, whose last update may
     * be what the page shows.
     */
    public void prepareToExplain(List<ServiceTarget> services) {
        if (hub == null) {
            return;
        }
        List<HubSession.Search> searches = services.stream().filter(ServiceTarget::viaManagementApi)
                .map(service -> new HubSession.Search(now.minus(lookback), incidents -> incidents.stream()
                        .anyMatch(i -> !i.open() && i.onService(service.serviceId()))))
                .toList();
        hub.prepare(now, Set.of(), searches, true);
    }

    /** The maintenance in progress on a Management API service, as the last prepare read it. */
    public Optional<HubMaintenance> maintenanceOn(ServiceTarget service) {
        return hub == null || !service.viaManagementApi() ? Optional.empty() : hub.maintenanceOn(service.serviceId());
    }

    /** What the page shows a Management API service, as far as the incidents read tell ({@link HubSession#shown}). */
    public Optional<ServiceStatus> shown(ServiceTarget service) {
        return hub == null || !service.viaManagementApi() ? Optional.empty() : hub.shown(service.serviceId());
    }

    private List<HubSession.Search> checkSearches() {
        return checked.stream().map(service -> new HubSession.Search(now.minus(lookback), incidents -> incidents
                .stream().anyMatch(i -> !i.open() && i.bridgeWroteService(service.serviceId())))).toList();
    }

    public ServiceView view(Alert alert, ServiceTarget service) {
        if (!service.viaManagementApi()) {
            return new ServiceView.WriteOnly(hooks.posted(postedKey(IncidentRef.of(alert, ServiceStatus.DOWN), service)),
                    hooks.openOf(alertHookKey(alert, service)));
        }
        return ServiceView.of(alert, service, hub.incidents()).inMaintenance(hub.maintenanceOn(service.serviceId()));
    }

    /** The Management API services this alert's open incidents are on: a clear reaches them all. */
    public Set<Long> openServicesOf(Alert alert) {
        if (hub == null) {
            return Set.of();
        }
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        return hub.incidents().stream().filter(i -> i.open() && i.shared().isEmpty()
                && i.ref().map(mine::sameAlert).orElse(false))
                .flatMap(i -> i.servicesOfReferencedUpdates().stream()).collect(Collectors.toSet());
    }

    /** Every incident known to this invocation, as the hub last showed it, that is a shared incident of the group. */
    public List<SharedIncident> group(String group) {
        return incidents().stream().map(HubIncident::shared).flatMap(Optional::stream)
                .filter(s -> s.group().equals(group)).toList();
    }

    /** The open shared incidents this alert is an open member of (a clear releases it from each, wherever). */
    public List<SharedIncident> openMemberships(Alert alert) {
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        return incidents().stream().map(HubIncident::shared).flatMap(Optional::stream)
                .filter(s -> s.incident().open() && s.member(mine).filter(m -> m.clearedAt() == null).isPresent())
                .toList();
    }

    public Landed write(Transition.Write write) {
        ServiceTarget service = write.service();
        String request = dryRun ? preview(write) : null;
        Delivered delivered;
        if (!service.viaManagementApi()) {
            String id = hookIdOf(write);
            hooks.post(service, id, postedKey(write.draft().ref(), service), alertHookKey(write.draft().ref(), service),
                    write.draft(), deadline);
            delivered = write instanceof Transition.Create ? Delivered.created(Delivered.Via.INTEGRATION_URL, id)
                    : Delivered.updated(Delivered.Via.INTEGRATION_URL, id);
        } else if (write instanceof Transition.Create create) {
            delivered = Delivered.created(Delivered.Via.MANAGEMENT_API, hub.create(service, create.draft(),
                    silent(write)));
        } else {
            hub.addUpdate(service, write.incidentId(), write.draft(), silent(write));
            delivered = Delivered.updated(Delivered.Via.MANAGEMENT_API, write.incidentId());
        }
        return new Landed(request == null ? delivered : delivered.withRequest(request), System.nanoTime());
    }

    /** The team's notify policy for this write ({@code publish.notify}): a create, or any other update. */
    private static boolean silent(Transition.Write write) {
        if (write instanceof Transition.Update update && update.purpose().quiet()) {
            return true; // a membership that changes nothing on the page, a copy closed: nothing to tell subscribers
        }
        boolean opening = write instanceof Transition.Create
                || write instanceof Transition.Update update && update.purpose() == Transition.Purpose.JOIN;
        return write.linked().policy().publish().silent(opening);
    }

    /** The request a write would send, secrets redacted, without sending it (dry run, shadow mode). */
    public String preview(Transition.Write write) {
        ServiceTarget service = write.service();
        if (!service.viaManagementApi()) {
            String id = hookIdOf(write);
            return hooks.describe(service, id, write.draft());
        }
        return hub.describe(service, write.incidentId(), write.draft(), silent(write));
    }

    /** Reads the hub again unless a list read started after {@code landed}: what every environment's writes left. */
    public void refreshAfter(long landed) {
        if (hub != null) {
            hub.refreshAfter(landed);
        }
    }

    /** Every incident known to this invocation (open ones, and the alerts' own), as the hub last showed them. */
    public Collection<HubIncident> incidents() {
        return hub == null ? List.of() : hub.incidents();
    }

    /** The incident as StatusHub shows it now, read in full again. */
    public Optional<HubIncident> readAgain(String id) {
        return hub == null ? Optional.empty() : hub.readAgain(id);
    }

    public Optional<HubIncident> incident(String id) {
        return hub == null ? Optional.empty() : hub.incident(id);
    }

    private static String alertHookKey(Alert alert, ServiceTarget service) {
        return alertHookKey(IncidentRef.of(alert, ServiceStatus.DOWN), service);
    }

    /** The alert on the service, whatever the episode. */
    private static String alertHookKey(IncidentRef ref, ServiceTarget service) {
        return new IncidentRef(ref.source(), ref.scope(), ref.alert(), "0", ServiceStatus.DOWN, null, null, null,
                java.util.Map.of())
                .hookId(service.stableKey());
    }

    /** The id an integration-URL write goes under: the incident's, or the one its create was given. */
    private static String hookIdOf(Transition.Write write) {
        return write instanceof Transition.Create create ? create.hookId() : write.incidentId();
    }

    /**
     * What this environment remembers a post under: the episode itself, exactly (two ALARM periods that began within
     * one minute share the integration URL's id, but a repeat of the first after its clear is still a repeat).
     */
    private static String postedKey(IncidentRef ref, ServiceTarget service) {
        return ref.hookId(service.stableKey());
    }
}
