package dev.alertbridge.statushub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentDraft;

/**
 * What one invocation knows of a hub: the list of its incidents (narrowed with StatusHub's {@code start_time}
 * filter, every page read) and those read in full, with the invocation's own writes laid over them, so each decision
 * sees the earlier ones. A hub keeps years of incidents and may leave hundreds in monitoring: the list's types tell
 * which can matter, so only open incidents (and an alert's own candidates) are read in full, in parallel within the
 * read limit.
 *
 * <p>
 * Paging: 100 a page, following {@code Link: rel="next"}, or asking for the next page while pages come back full,
 * until one comes back short or empty. A server may cap pages below what is asked and send no {@code Link}: a first
 * page of at least {@value #SMALLEST_SERVER_CAP} is taken as that cap, and pages as big as the first are followed
 * (a small list, the usual case, costs no second call); ids de-duplicated, the time filter applied
 * again in case a server ignores it. A list that cannot be read whole fails: deciding from part of it could open a
 * second incident.
 */
final class HubSession {
    /**
     * A page without {@code Link} this big or bigger, though short of what was asked, may be a server's cap (its v1
     * default is 25; 20, 30, 50 are common): ask for the next.
     */
    static final int SMALLEST_SERVER_CAP = 10;
    /** 50,000 listed incidents: past that something is wrong, not a busy hub. */
    private static final int MAX_PAGES = 500;
    /** Candidates for an alert's newest own incident are read this many at a time, newest activity first. */
    private static final int SEARCH_BATCH = 8;

    private final HubApi api;
    private final IncidentCache cache;
    private final Deadline deadline;
    private final Instant now;
    private final Map<String, HubIncident> known = new ConcurrentHashMap<>();
    /** The list summary each known incident was read under; absent once the invocation wrote to it. */
    private final Map<String, IncidentSummary> readUnder = new ConcurrentHashMap<>();
    private final Map<String, IncidentSummary> listed = new ConcurrentHashMap<>();
    /** When the newest list read started (System.nanoTime): what landed before is in it. */
    private long listedAt = Long.MIN_VALUE;
    private boolean prepared;
    private volatile List<HubMaintenance> maintenances = List.of();
    private static final AtomicBoolean MAINTENANCES_WARNED = new AtomicBoolean();
    private static final Logger LOG = Logger.getLogger(HubSession.class);

    HubSession(HubApi api, IncidentCache cache, Deadline deadline, Instant now) {
        this.api = api;
        this.cache = cache;
        this.deadline = deadline;
        this.now = now;
    }

    /**
     * One search for the newest incident of an alert on a service among those that are no longer open: the ones
     * active since {@code since}, read newest first until {@code found} says the alert's is known.
     */
    record Search(Instant since, Predicate<IncidentSummary> candidate, Predicate<Collection<HubIncident>> found) {

        Search(Instant since, Predicate<Collection<HubIncident>> found) {
            this(since, summary -> true, found);
        }
    }

    /**
     * Reads what the decisions need: every incident listed since {@code since} that may be open, those that started
     * at one of {@code starts} (an episode's own incident, which a person may have resolved), and each search's.
     */
    synchronized void prepare(Instant since, Set<Instant> starts, List<Search> searches, boolean withMaintenances) {
        if (prepared) {
            return;
        }
        prepared = true;
        long started = System.nanoTime();
        // The maintenances in progress, read while the incidents are: no extra round trip before an open.
        CompletableFuture<List<HubMaintenance>> inProgress = withMaintenances
                ? CompletableFuture.supplyAsync(() -> api.maintenancesNow(now, deadline), FanOut.executor())
                : CompletableFuture.completedFuture(List.of());
        Instant earliest = searches.stream().map(Search::since).filter(s -> s.isBefore(since)).min(Instant::compareTo)
                .orElse(since);
        try {
            list(earliest).forEach(s -> listed.put(s.id(), s));
            listedAt = started;
            readAll(listed.values().stream().filter(s -> s.mayBeOpen() || starts.contains(s.start())).toList());
            for (Search search : searches) {
                search(search);
            }
        } finally {
            maintenances = maintenances(inProgress);
        }
    }

    /**
     * The maintenance list, or none when it cannot be read (a hub without the endpoint, a failure): the page is then
     * handled as if no maintenance were scheduled, with one warning per execution environment.
     */
    private List<HubMaintenance> maintenances(CompletableFuture<List<HubMaintenance>> inProgress) {
        try {
            return inProgress.join();
        } catch (CompletionException | CancellationException e) {
            if (MAINTENANCES_WARNED.compareAndSet(false, true)) {
                LOG.warnf("StatusHub's maintenance list could not be read (%s): alerts open incidents as if no "
                        + "maintenance were scheduled", CallFailure.of(e.getCause() == null ? e : e.getCause()).why());
            }
            return List.of();
        }
    }

    /** Forgets that this environment warned: the next unreadable maintenance list warns again. */
    static void forgetWarnings() {
        MAINTENANCES_WARNED.set(false);
    }

    /** The maintenance in progress on the service, if any (read only when the decisions needed it). */
    Optional<HubMaintenance> maintenanceOn(long serviceId) {
        return maintenances.stream().filter(m -> m.serviceIds().contains(serviceId)).findFirst();
    }

    /**
     * The status the newest update naming the service set, among the incidents read: what the page shows it. Updates
     * are ordered by when StatusHub says each was made, else by their incident's last activity as listed (its
     * start when the list does not say); empty when no update read names the service.
     */
    Optional<ServiceStatus> shown(long serviceId) {
        Optional<HubIncident.Update> newest = Optional.empty();
        Instant newestAt = Instant.MIN;
        String newestId = "";
        for (HubIncident incident : known.values()) {
            Optional<HubIncident.Update> update = incident.updates().stream()
                    .filter(u -> u.statuses().containsKey(serviceId)).findFirst();
            if (update.isEmpty()) {
                continue;
            }
            Instant at = update.get().createdAt() != null ? update.get().createdAt() : activity(incident);
            int later = at.compareTo(newestAt);
            if (later > 0 || later == 0 && HubIncident.IDS_BY_CREATION.compare(incident.id(), newestId) > 0) {
                newest = update;
                newestAt = at;
                newestId = incident.id();
            }
        }
        return newest.map(u -> u.statuses().get(serviceId));
    }

    private Instant activity(HubIncident incident) {
        IncidentSummary summary = listed.get(incident.id());
        return summary != null ? summary.activity() : incident.start() != null ? incident.start() : Instant.EPOCH;
    }

    /** One more search among the incidents already listed (no new list read): after {@link #prepare}. */
    synchronized void searchListed(Search search) {
        search(search);
    }

    private void search(Search search) {
        List<IncidentSummary> candidates = listed.values().stream()
                .filter(s -> !known.containsKey(s.id()) && !s.activity().isBefore(search.since())
                        && search.candidate().test(s))
                .sorted(Comparator.comparing(IncidentSummary::activity).reversed()).toList();
        for (int i = 0; i < candidates.size() && !search.found().test(known.values()); i += SEARCH_BATCH) {
            readAll(candidates.subList(i, Math.min(candidates.size(), i + SEARCH_BATCH)));
        }
    }

    /**
     * Lists again, unless a list read started after {@code landed} (System.nanoTime of a write's answer) is already
     * in, and reads in full the open incidents that are new or changed: what every execution environment's writes
     * left on the hub.
     */
    synchronized void refreshAfter(long landed) {
        if (listedAt - landed >= 0) {
            return;
        }
        long started = System.nanoTime();
        Map<String, IncidentSummary> fresh = new LinkedHashMap<>();
        list(now).forEach(s -> fresh.put(s.id(), s));
        listedAt = started;
        // An open incident gone from the list (deleted) holds nothing any more.
        known.keySet().removeIf(id -> !fresh.containsKey(id) && known.get(id).open());
        listed.putAll(fresh);
        // What may hold a service now, and what this invocation still takes for open: either may have changed.
        readAll(fresh.values().stream().filter(s -> (s.mayBeOpen() || knownOpen(s.id())) && changed(s)).toList());
    }

    private boolean knownOpen(String id) {
        HubIncident incident = known.get(id);
        return incident != null && incident.open();
    }

    private boolean changed(IncidentSummary summary) {
        HubIncident mine = known.get(summary.id());
        if (mine == null) {
            return true;
        }
        IncidentSummary under = readUnder.get(summary.id());
        if (under != null) {
            return !under.equals(summary);
        }
        // Known through this invocation's own write: still so while the list shows the type it wrote.
        return summary.latest().map(t -> t != mine.latest()).orElse(true);
    }

    /**
     * Reads one incident in full again, whatever the list says (a write that could have landed over a person's
     * update must see it): what StatusHub shows now.
     */
    Optional<HubIncident> readAgain(String id) {
        IncidentSummary summary = listed.get(id);
        HubIncident known = this.known.get(id);
        if (summary == null && known == null) {
            return Optional.empty();
        }
        cache.forget(id);
        Optional<HubIncident> fresh = api.incident(summary != null ? summary
                : new IncidentSummary(id, known.title(), known.start(), null, Optional.empty(), null), deadline);
        fresh.ifPresent(i -> {
            this.known.put(id, i);
            readUnder.remove(id);
        });
        return fresh;
    }

    Collection<HubIncident> incidents() {
        return known.values();
    }

    Optional<HubIncident> incident(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /**
     * Creates the incident; it is known at once, as it landed. When StatusHub's answer says its {@code updated_at},
     * the incident as written is also kept for this environment's next invocations under what the list will show
     * for it until anyone changes it: a re-sent group's alerts already applied then cost no read.
     */
    String create(ServiceTarget service, IncidentDraft draft, boolean silent) {
        IncidentWrite body = IncidentWrite.of(service, draft, true, silent);
        IncidentSummary answer = api.create(body, deadline);
        String id = answer.id();
        String title = answer.title().isEmpty() ? draft.title() : answer.title();
        Instant start = answer.start() != null ? answer.start() : draft.time();
        HubIncident written = new HubIncident(id, title, start, List.of(new HubIncident.Update(draft.type(),
                draft.body(), draft.statusesOn(service.serviceId()), answer.updatedAt())));
        known.put(id, written);
        if (!id.isEmpty() && answer.updatedAt() != null) {
            cache.put(new IncidentSummary(id, title, start, null, Optional.of(draft.type()), answer.updatedAt()),
                    written);
        }
        return id;
    }

    void addUpdate(ServiceTarget service, String id, IncidentDraft draft, boolean silent) {
        cache.forget(id);
        readUnder.remove(id);
        api.addUpdate(id, IncidentWrite.of(service, draft, false, silent), deadline);
        known.computeIfPresent(id, (key, incident) -> incident.with(update(service, draft)));
    }

    String describe(ServiceTarget service, String incidentId, IncidentDraft draft, boolean silent) {
        return api.describe(incidentId, IncidentWrite.of(service, draft, incidentId == null, silent));
    }

    private static HubIncident.Update update(ServiceTarget service, IncidentDraft draft) {
        return new HubIncident.Update(draft.type(), draft.body(), draft.statusesOn(service.serviceId()), null);
    }

    private List<IncidentSummary> list(Instant since) {
        Map<String, IncidentSummary> found = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int page = 1;
        int firstPage = 0;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            int current = page;
            HubApi.Page answer = api.incidents(since, current, deadline);
            int before = seen.size();
            for (IncidentSummary summary : answer.items()) {
                if (!summary.id().isEmpty() && seen.add(summary.id())
                        && (summary.end() == null || !summary.end().isBefore(since))) {
                    found.putIfAbsent(summary.id(), summary);
                }
            }
            firstPage = pages == 0 ? answer.size() : firstPage;
            boolean full = answer.size() >= ManagementApi.PER_PAGE
                    || (answer.size() >= SMALLEST_SERVER_CAP && answer.size() >= firstPage);
            if (answer.size() == 0 || (answer.linkNext().isEmpty() && !full) || (seen.size() == before && pages > 0)) {
                return new ArrayList<>(found.values());
            }
            page = answer.linkNext().filter(n -> n > current).orElse(current + 1);
        }
        throw StatusHubUnavailableException.mayHaveApplied("GET incidents", "more than " + MAX_PAGES
                + " pages of incidents");
    }

    private void readAll(List<IncidentSummary> summaries) {
        List<Supplier<Optional<HubIncident>>> reads = new ArrayList<>();
        for (IncidentSummary summary : summaries) {
            reads.add(() -> read(summary));
        }
        if (!reads.isEmpty()) {
            FanOut.all(reads, deadline);
        }
    }

    private Optional<HubIncident> read(IncidentSummary summary) {
        Optional<HubIncident> incident = cache.get(summary).or(() -> {
            Optional<HubIncident> fresh = api.incident(summary, deadline);
            fresh.ifPresent(i -> cache.put(summary, i));
            return fresh;
        });
        incident.ifPresent(i -> {
            known.put(summary.id(), i);
            readUnder.put(summary.id(), summary);
        });
        return incident;
    }
}
