package dev.alertbridge.transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * Decides, with no I/O, what each linked service needs for one alert, given what StatusHub shows. The rules are
 * Uptrends' StatusHub behaviour plus what a bridge with no database must add:
 * <ul>
 * <li>one open incident per alert and service: an open while the alert's incident there is open continues it,
 * whatever the source calls the episode (CloudWatch ALARM → INSUFFICIENT_DATA → ALARM is one error);
 * <li>an open whose episode already has an incident that was cleared or resolved changes nothing (it came late);
 * <li>a clear moves every open incident of the alert on the service to monitoring, never one that started after
 * it, even if a person retitled it or set identified;
 * <li>a service is down while any bridge incident on it is open: a clear while other alerts' incidents stay open
 * keeps the service at their worst status and says so; a new incident never lowers what others set;
 * <li>a person resolved it → skip: the bridge never overrides a person.
 * </ul>
 */
public final class TransitionPlanner {
    /**
     * How the bridge's first update of an incident begins, by the status its alert gives the service. Read back, it
     * tells what an open incident keeps its service at, whatever status later updates wrote.
     */
    public static final String DOWN_OPENING = "We are investigating a service disruption";
    public static final String DEGRADED_OPENING = "We are investigating degraded performance";
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public List<Transition> plan(Alert alert, List<LinkedService> services, Map<String, Current> current) {
        List<Transition> transitions = new ArrayList<>();
        for (LinkedService service : services) {
            transitions.addAll(decide(alert, service, current.getOrDefault(service.id(), Current.NOTHING)));
        }
        return transitions;
    }

    private List<Transition> decide(Alert alert, LinkedService service, Current current) {
        if (alert.state() == AlertState.NO_CHANGE) {
            return List.of(new Transition.Unchanged(service, null,
                    "the alert's state did not change (" + alert.title() + ")"));
        }
        if (current instanceof Current.Shown shown) {
            return alert.state() == AlertState.OPEN ? List.of(open(alert, service, shown))
                    : clear(alert, service, shown);
        }
        IncidentRef ref = IncidentRef.of(alert, service.service());
        if (alert.state() == AlertState.OPEN) {
            return List.of(create(alert, service, ref, List.of()));
        }
        if (!ref.hasEpisode()) {
            return List.of(new Transition.Skip(service, "the clear does not say which alert it ends"));
        }
        return List.of(new Transition.MarkMonitoring(service, null,
                monitoring(alert, ref, PublicText.title(alert.title()), List.of())));
    }

    private Transition open(Alert alert, LinkedService service, Current.Shown shown) {
        Optional<IncidentView> open = shown.ofAlert().stream().filter(IncidentView::open).findFirst();
        if (open.isPresent()) {
            return new Transition.Unchanged(service, open.get().incidentId(),
                    "incident " + open.get().incidentId() + " already open");
        }
        IncidentRef ref = IncidentRef.of(alert, service.service());
        Optional<IncidentView> episode = shown.ofAlert().stream()
                .filter(i -> i.ref().episodePart().equals(ref.episodePart())).findFirst();
        if (episode.isPresent() && episode.get().resolved()) {
            return new Transition.Skip(service, "incident " + episode.get().incidentId() + " was resolved by a person");
        }
        if (episode.isPresent()) {
            return new Transition.Unchanged(service, episode.get().incidentId(),
                    "incident " + episode.get().incidentId() + " already cleared");
        }
        return create(alert, service, ref, shown.othersOpen());
    }

    private List<Transition> clear(Alert alert, LinkedService service, Current.Shown shown) {
        Instant clearedAt = alert.at().truncatedTo(ChronoUnit.SECONDS);
        List<IncidentView> open = shown.ofAlert().stream().filter(IncidentView::open).toList();
        List<Transition> transitions = new ArrayList<>();
        for (IncidentView incident : open) {
            if (incident.startTime() != null && clearedAt.isBefore(incident.startTime())) {
                transitions.add(new Transition.Skip(service,
                        "the clear is older than incident " + incident.incidentId()));
            } else {
                // Keep the title a person may have given it: only the status and type change.
                transitions.add(new Transition.MarkMonitoring(service, incident.incidentId(),
                        monitoring(alert, incident.ref(), incident.title(), shown.othersOpen())));
            }
        }
        if (!transitions.isEmpty()) {
            return transitions;
        }
        IncidentView last = shown.ofAlert().isEmpty() ? null : shown.ofAlert().get(shown.ofAlert().size() - 1);
        if (last != null && last.resolved()) {
            return List.of(new Transition.Skip(service, "incident " + last.incidentId() + " was resolved by a person"));
        }
        if (last != null) {
            return List.of(new Transition.Unchanged(service, last.incidentId(),
                    "incident " + last.incidentId() + " already cleared"));
        }
        return List.of(new Transition.Unchanged(service, null, "no open incident of this alert"));
    }

    private static Transition create(Alert alert, LinkedService service, IncidentRef ref, List<IncidentView> others) {
        ServiceStatus status = worst(others).map(service.status()::worst).orElse(service.status());
        Instant start = (alert.openedAt() != null ? alert.openedAt() : alert.at()).truncatedTo(ChronoUnit.SECONDS);
        String opening = service.status() == ServiceStatus.DEGRADED_PERFORMANCE ? DEGRADED_OPENING : DOWN_OPENING;
        String detail = alert.description().isBlank() ? "" : "\n\n" + PublicText.detail(alert.description());
        String body = opening + " detected at " + READABLE.format(start) + "." + detail + "\n\n"
                + audit(alert, start) + "\nReference: " + ref;
        return new Transition.Create(service,
                new IncidentDraft(ref, PublicText.title(alert.title()), body, start, IncidentType.INVESTIGATING, status));
    }

    private static IncidentDraft monitoring(Alert alert, IncidentRef ref, String title, List<IncidentView> others) {
        Instant at = alert.at().truncatedTo(ChronoUnit.SECONDS);
        Optional<ServiceStatus> stillShown = worst(others);
        String happened = "The problem detected earlier was no longer seen at " + READABLE.format(at) + ". "
                + stillShown.map(s -> "The service stays " + describe(s) + " while " + others.size()
                        + (others.size() == 1 ? " other alert on it is" : " other alerts on it are")
                        + " still open; we are monitoring it.")
                        .orElse("The service is operating normally; we are monitoring it.");
        return new IncidentDraft(ref, title, happened + "\n\n" + audit(alert, at) + "\nReference: " + ref, at,
                IncidentType.MONITORING, stillShown.orElse(ServiceStatus.UP));
    }

    /**
     * The line that tells readers and the team who wrote an update: e.g. "Posted automatically by the alert bridge
     * from CloudWatch alarm ServerCpuTooHigh, which changed state at 2019-10-02 17:04 UTC."
     */
    private static String audit(Alert alert, Instant changed) {
        String kind = switch (alert.source()) {
            case CLOUDWATCH -> "CloudWatch alarm";
            case UPTRENDS -> "Uptrends monitor";
            case ALERTMANAGER -> "Alertmanager alert";
            case GRAFANA -> "Grafana alert";
        };
        return "Posted automatically by the alert bridge from " + kind + " " + PublicText.title(alert.monitor())
                + ", which changed state at " + READABLE.format(changed) + ".";
    }

    /** The worst status other alerts' open incidents give the service; an unknown one counts as down. */
    private static Optional<ServiceStatus> worst(List<IncidentView> others) {
        return others.stream().map(i -> i.status() == ServiceStatus.DEGRADED_PERFORMANCE ? i.status()
                : ServiceStatus.DOWN).reduce(ServiceStatus::worst);
    }

    private static String describe(ServiceStatus status) {
        return status == ServiceStatus.DEGRADED_PERFORMANCE ? "degraded" : "down";
    }
}
