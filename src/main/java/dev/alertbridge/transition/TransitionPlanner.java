package dev.alertbridge.transition;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * Decides, with no I/O, what one linked service needs for one alert, given what StatusHub shows there. The rules
 * are Uptrends' StatusHub behaviour plus what a bridge with no database must add:
 * <ul>
 * <li>one open incident per alert and service: an open while the alert's incident there is open continues it,
 * whatever the source calls the episode (CloudWatch ALARM → INSUFFICIENT_DATA → ALARM is one error);
 * <li>an open whose episode already has an incident that was cleared or resolved changes nothing (it came late);
 * an ALARM → ALARM update never opens again what a person resolved (the alarm has not left ALARM since);
 * <li>a clear moves every open incident of the alert on the service to monitoring, never one that started after
 * it, even if a person retitled it or set identified;
 * <li>a service shows the worst status among every open incident on it, the bridge's and people's: a clear while
 * others stay open keeps the service at their worst and says so; a new incident never lowers what others hold;
 * <li>a person resolved it → skip: the bridge never overrides a person.
 * </ul>
 */
public final class TransitionPlanner {
    private final PageTexts texts;

    public TransitionPlanner(PageTexts texts) {
        this.texts = texts;
    }

    /** What the alert does to the service now ({@code now}: when a CloudWatch alarm's hold-down ends). */
    public List<Transition> plan(Alert alert, LinkedService service, ServiceView view, Instant now) {
        if (alert.state() == AlertState.OPEN) {
            Optional<Transition> held = held(alert, service, view, now);
            if (held.isPresent()) {
                return List.of(held.get());
            }
        }
        return plan(alert, service, view);
    }

    /** A CloudWatch ALARM held back by its link's {@code holdDown} ({@link HoldDown}). */
    private static Optional<Transition> held(Alert alert, LinkedService service, ServiceView view, Instant now) {
        boolean hasIncident = view instanceof ServiceView.Shown shown
                ? shown.own().stream().anyMatch(o -> o.sameEpisode() || o.incident().open())
                : ((ServiceView.WriteOnly) view).posted().isPresent() || ((ServiceView.WriteOnly) view).open().isPresent();
        return HoldDown.held(alert, service.policy().holdDownFor(alert.source()), hasIncident, now)
                .map(why -> new Transition.Skip(service, null, why));
    }

    public List<Transition> plan(Alert alert, LinkedService service, ServiceView view) {
        if (!alert.state().changesThePage()) {
            return List.of(new Transition.Unchanged(service, null,
                    "the alert's state did not change (" + alert.title() + ")"));
        }
        if (view instanceof ServiceView.Shown shown) {
            return alert.state() == AlertState.OPEN ? List.of(open(alert, service, shown))
                    : clear(alert, service, shown);
        }
        return List.of(writeOnly(alert, service, (ServiceView.WriteOnly) view));
    }

    private Transition open(Alert alert, LinkedService service, ServiceView.Shown shown) {
        Optional<HubIncident> open = shown.own().stream().map(ServiceView.Own::incident).filter(HubIncident::open)
                .findFirst();
        if (open.isPresent()) {
            return new Transition.Unchanged(service, open.get().id(), "incident " + open.get().id() + " already open");
        }
        // The episode's own incident, if it ended: a person's resolution stands, a clear already happened.
        Optional<HubIncident> episode = shown.own().stream().filter(ServiceView.Own::sameEpisode)
                .map(ServiceView.Own::incident).reduce((first, second) -> second.resolvedByPerson() ? second : first);
        if (episode.isPresent()) {
            return episode.get().resolvedByPerson()
                    ? new Transition.Skip(service, episode.get().id(),
                            "incident " + episode.get().id() + " was resolved by a person")
                    : new Transition.Unchanged(service, episode.get().id(),
                            "incident " + episode.get().id() + " already cleared");
        }
        Optional<HubIncident> newest = shown.own().isEmpty() ? Optional.empty()
                : Optional.of(shown.own().get(shown.own().size() - 1).incident());
        if (alert.continuation() && newest.isPresent() && newest.get().endedByPerson()) {
            return new Transition.Skip(service, newest.get().id(), "incident " + newest.get().id()
                    + " was " + (newest.get().resolvedByPerson() ? "resolved" : "set to monitoring")
                    + " by a person; the alarm has not left ALARM since");
        }
        if (shown.maintenance().isPresent() && service.policy().skipsMaintenances()) {
            HubMaintenance maintenance = shown.maintenance().get();
            return new Transition.Skip(service, null, "in maintenance '" + maintenance.title() + "'"
                    + (maintenance.end() == null ? "" : " until " + maintenance.end())
                    + ": no incident opened (\"maintenance\": \"post\" opens anyway)");
        }
        Optional<Transition> flap = newest.flatMap(incident -> continued(alert, service, incident, shown));
        if (flap.isPresent()) {
            return flap.get();
        }
        return create(alert, service, shown.othersWorst());
    }

    /**
     * A flap ({@code reopenWithin}): the alert opens again within that time of the clear the bridge wrote on its
     * newest incident there: that incident continues (Investigating, the service back to the link's status) instead
     * of a second one opening. A person's Resolved ends it for good.
     */
    private Optional<Transition> continued(Alert alert, LinkedService service, HubIncident incident,
            ServiceView.Shown shown) {
        Optional<Instant> cleared = incident.clearedAt();
        Instant start = alert.episodeStart().truncatedTo(ChronoUnit.SECONDS);
        if (cleared.isEmpty() || incident.ref().isEmpty() || !service.policy().continues(cleared.get(), start)) {
            return Optional.empty();
        }
        // The new episode is recorded under the incident's reference: a late or repeated open of it finds this incident.
        IncidentRef ref = IncidentRef.of(alert, incident.ref().get().severity()).under(incident.reference().get());
        ServiceStatus status = shown.othersWorst().map(service.status()::worst).orElse(service.status());
        return Optional.of(new Transition.Update(service, incident.id(), IncidentDraft.of(ref, incident.title(),
                texts.reopening(alert, service, service.status(), status, start, ref), start,
                IncidentType.INVESTIGATING, status), Transition.Purpose.REOPEN));
    }

    private List<Transition> clear(Alert alert, LinkedService service, ServiceView.Shown shown) {
        Instant clearedAt = alert.at().truncatedTo(ChronoUnit.SECONDS);
        Optional<ServiceView.Held> holding = shown.holding();
        List<Transition> transitions = new ArrayList<>();
        for (ServiceView.Own own : shown.own()) {
            HubIncident incident = own.incident();
            if (!incident.open()) {
                continue;
            }
            if (incident.start() != null && clearedAt.isBefore(incident.start())) {
                transitions.add(new Transition.Skip(service, incident.id(),
                        "the clear is older than incident " + incident.id()));
            } else {
                IncidentRef ref = incident.ref().orElseGet(() -> IncidentRef.of(alert, service.status()))
                        .clearedAt(clearedAt);
                transitions.add(new Transition.Update(service, incident.id(), IncidentDraft.of(ref, incident.title(),
                        texts.clearing(alert, service, incident.start(), clearedAt, holding, ref), clearedAt,
                        IncidentType.MONITORING, holding.map(ServiceView.Held::status).orElse(ServiceStatus.UP)),
                        Transition.Purpose.CLEAR));
            }
        }
        if (!transitions.isEmpty()) {
            return transitions;
        }
        if (shown.own().isEmpty()) {
            return List.of(new Transition.Unchanged(service, null, "no open incident of this alert"));
        }
        HubIncident last = shown.own().get(shown.own().size() - 1).incident();
        return List.of(last.resolvedByPerson()
                ? new Transition.Skip(service, last.id(), "incident " + last.id() + " was resolved by a person")
                : new Transition.Unchanged(service, last.id(), "incident " + last.id() + " already cleared"));
    }

    /**
     * An integration URL cannot be read: what this environment remembers posting there, else an idempotent post by
     * the stable id ({@link IncidentRef#hookId(Alert, String)}). It hears one incident per ALARM period: an ALARM →
     * ALARM update posts nothing (its period's open was posted when it began, or is held); a clear reaches the id its
     * period's open used, and posts nothing for a period whose open was never posted (shorter than its hold, muted
     * or suppressed), unless this environment remembers posting it.
     */
    private Transition writeOnly(Alert alert, LinkedService service, ServiceView.WriteOnly view) {
        String id = IncidentRef.hookId(alert, service.service().stableKey());
        Optional<IncidentType> posted = view.posted();
        if (alert.state() == AlertState.OPEN) {
            if (view.open().isPresent()) {
                return new Transition.Unchanged(service, view.open().get(), "incident " + view.open().get()
                        + " already open");
            }
            if (alert.continuation()) {
                return new Transition.Unchanged(service, null, "the alarm was already in ALARM: an integration URL "
                        + "hears one incident per ALARM period, posted when it began");
            }
            if (posted.isPresent()) {
                return new Transition.Unchanged(service, id, "incident " + id + " already "
                        + (posted.get() == IncidentType.MONITORING ? "cleared" : "open"));
            }
            return create(alert, service, Optional.empty(), id);
        }
        if (view.open().isPresent()) {
            id = view.open().get();
        } else {
            Optional<String> unposted = neverPosted(alert, service);
            if (unposted.isPresent()) {
                return new Transition.Skip(service, null, unposted.get());
            }
            if (posted.isPresent() && posted.get() == IncidentType.MONITORING) {
                return new Transition.Unchanged(service, id, "incident " + id + " already cleared");
            }
        }
        Instant at = alert.at().truncatedTo(ChronoUnit.SECONDS);
        IncidentRef ref = IncidentRef.of(alert, service.status()).clearedAt(at);
        Instant since = alert.openedAt() != null ? alert.openedAt().truncatedTo(ChronoUnit.SECONDS) : null;
        // The hook's title is the incident's, as its create wrote it, not the status this clear sets.
        return new Transition.Update(service, id, IncidentDraft.of(ref, texts.title(alert, service, service.status(),
                since), texts.clearing(alert, service, since, at, Optional.empty(), ref), at, IncidentType.MONITORING,
                ServiceStatus.UP), Transition.Purpose.CLEAR);
    }

    /** Why a clear's period was never posted to an integration URL, if the clear tells (its open posted nothing). */
    private static Optional<String> neverPosted(Alert alert, LinkedService service) {
        if (alert.openedAt() == null) {
            return Optional.of("the clear does not say which ALARM period it ends, and an integration URL cannot be "
                    + "asked");
        }
        if (alert.silencedPeriod()) {
            return Optional.of("its ALARM period was muted or its actions suppressed: nothing was posted for it");
        }
        Duration lasted = Duration.between(alert.openedAt(), alert.at());
        Duration hold = service.policy().holdDownFor(alert.source());
        if (alert.source() == AlertSource.CLOUDWATCH && lasted.compareTo(hold) < 0) {
            return Optional.of("its ALARM period lasted " + lasted.toSeconds() + " s, less than its holdDown ("
                    + hold.toSeconds() + " s): nothing was posted for it");
        }
        return Optional.empty();
    }

    private Transition create(Alert alert, LinkedService service, Optional<ServiceStatus> othersHold) {
        return create(alert, service, othersHold, null);
    }

    private Transition create(Alert alert, LinkedService service, Optional<ServiceStatus> othersHold, String hookId) {
        ServiceStatus status = othersHold.map(service.status()::worst).orElse(service.status());
        Instant start = alert.episodeStart().truncatedTo(ChronoUnit.SECONDS);
        IncidentRef ref = IncidentRef.of(alert, service.status());
        return new Transition.Create(service, IncidentDraft.of(ref, texts.title(alert, service, status, start),
                texts.opening(alert, service, service.status(), status, start, ref), start, IncidentType.INVESTIGATING,
                status), hookId);
    }
}
