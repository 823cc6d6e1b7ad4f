package dev.alertbridge.transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.config.ServiceTarget;

/**
 * Decides, with no I/O, what each linked service needs for one alert, given what StatusHub shows. The rules are
 * Uptrends' StatusHub behaviour plus what a bridge with no database must add:
 * <ul>
 * <li>open, nothing shown → create (service down, investigating); open, incident shown → unchanged (a duplicate
 * or retry never makes a second incident);
 * <li>clear, incident shown → monitoring (service up), even if a person retitled it or set identified; clear,
 * nothing shown → unchanged;
 * <li>a person resolved it → skip, open or clear: the bridge never overrides a person;
 * <li>already cleared by the bridge → unchanged (a duplicate clear, or an open arriving after its clear);
 * <li>a clear older than the incident's start → skip (out of order).
 * </ul>
 */
public final class TransitionPlanner {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public List<Transition> plan(Alert alert, List<ServiceTarget> services, Map<String, Current> current,
            Instant now) {
        List<Transition> transitions = new ArrayList<>();
        for (ServiceTarget service : services) {
            transitions.add(decide(alert, service, current.getOrDefault(service.id(), Current.NOT_FOUND), now));
        }
        return transitions;
    }

    private Transition decide(Alert alert, ServiceTarget service, Current current, Instant now) {
        if (alert.state() == AlertState.NO_CHANGE) {
            return new Transition.Unchanged(service, "the alert's state did not change (" + alert.title() + ")");
        }
        if (current instanceof Current.Found found) {
            return decideOnIncident(alert, service, found.incident());
        }
        boolean readable = !(current instanceof Current.Unreadable);
        IncidentRef ref = IncidentRef.of(alert, service.id());
        if (alert.state() == AlertState.OPEN) {
            Instant start = alert.openedAt() != null ? alert.openedAt() : alert.at();
            return new Transition.Create(service, draft(alert, ref, alert.title(), start, IncidentType.INVESTIGATING));
        }
        if (readable) {
            return new Transition.Unchanged(service, "no open incident of this alert");
        }
        if (!ref.hasEpisode()) {
            return new Transition.Skip(service, "the clear does not say which alert it ends");
        }
        return new Transition.MarkMonitoring(service, null,
                draft(alert, ref, alert.title(), alert.at(), IncidentType.MONITORING));
    }

    private Transition decideOnIncident(Alert alert, ServiceTarget service, IncidentView incident) {
        if (incident.latest() == IncidentType.RESOLVED) {
            return new Transition.Skip(service, "incident " + incident.incidentId() + " was resolved by a person");
        }
        if (incident.clearedByBridge()) {
            return new Transition.Unchanged(service, "incident " + incident.incidentId() + " already cleared");
        }
        if (alert.state() == AlertState.OPEN) {
            return new Transition.Unchanged(service, "incident " + incident.incidentId() + " already open");
        }
        if (incident.startTime() != null
                && alert.at().isBefore(incident.startTime().truncatedTo(ChronoUnit.SECONDS))) {
            return new Transition.Skip(service, "the clear is older than incident " + incident.incidentId());
        }
        // Keep the title a person may have given it: only the status and type change.
        return new Transition.MarkMonitoring(service, incident.incidentId(),
                draft(alert, incident.ref(), incident.title(), alert.at(), IncidentType.MONITORING));
    }

    private static IncidentDraft draft(Alert alert, IncidentRef ref, String title, Instant time, IncidentType type) {
        String happened = type == IncidentType.INVESTIGATING
                ? "We are investigating a service disruption detected at " + READABLE.format(time) + "."
                : "The problem detected earlier was no longer seen at " + READABLE.format(time)
                        + ". The service is operating normally; we are monitoring it.";
        String detail = type == IncidentType.INVESTIGATING && !alert.description().isBlank()
                ? "\n\n" + alert.description()
                : "";
        String body = happened + detail + "\n\nReference: " + ref;
        ServiceStatus status = type == IncidentType.INVESTIGATING ? ServiceStatus.DOWN : ServiceStatus.UP;
        return new IncidentDraft(ref, title, body, time.truncatedTo(ChronoUnit.SECONDS), type, status);
    }
}
