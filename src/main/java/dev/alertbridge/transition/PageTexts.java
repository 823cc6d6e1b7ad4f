package dev.alertbridge.transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;

/** The words the bridge writes on the public page: titles and update texts, each ending with the reference line. */
public final class PageTexts {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String title(Alert alert) {
        return PublicText.title(alert.title());
    }

    public String opening(Alert alert, ServiceStatus severity, Instant start, IncidentRef ref) {
        String opening = severity == ServiceStatus.DEGRADED_PERFORMANCE ? "We are investigating degraded performance"
                : "We are investigating a service disruption";
        String detail = alert.description().isBlank() ? "" : "\n\n" + PublicText.detail(alert.description());
        return opening + " detected at " + READABLE.format(start) + "." + detail + "\n\n" + audit(alert, start)
                + "\n" + ref.line();
    }

    /** The clear; {@code stillHeld} when other open incidents keep the service affected. */
    public String clearing(Alert alert, Instant at, Optional<ServiceStatus> stillHeld, int holding, IncidentRef ref) {
        String happened = "The problem detected earlier was no longer seen at " + READABLE.format(at) + ". "
                + stillHeld.map(s -> "The service stays " + describe(s) + " while " + holding
                        + (holding == 1 ? " other incident on it is" : " other incidents on it are")
                        + " still open; we are monitoring it.")
                        .orElse("The service is operating normally; we are monitoring it.");
        return happened + "\n\n" + audit(alert, at) + "\n" + ref.line();
    }

    public String reopening(Alert alert, Instant at, IncidentRef ref) {
        return "The problem was seen again at " + READABLE.format(at) + "; we are investigating.\n\n"
                + audit(alert, at) + "\n" + ref.line();
    }

    /** A convergence correction: the status the open incidents justify, and why it is posted again. */
    public String correction(ServiceStatus justified, int open, IncidentRef ref) {
        String why = open == 0 ? "No incident on this service is open any more"
                : open == 1 ? "Another incident on this service is still open"
                        : open + " other incidents on this service are still open";
        return why + ": the service is " + (justified == ServiceStatus.UP ? "operating normally" : describe(justified))
                + ".\n" + ref.line();
    }

    /** The clear of a deleted alarm's incident (the reconciliation): nothing will report this problem any more. */
    public String alarmDeleted(Instant at, ServiceStatus status, int holding, IncidentRef ref) {
        String service = status == ServiceStatus.UP ? "The service is operating normally; we are monitoring it."
                : "The service stays " + describe(status) + " while " + holding
                        + (holding == 1 ? " other incident on it is" : " other incidents on it are")
                        + " still open; we are monitoring it.";
        return "The check that reported this problem was removed at " + READABLE.format(at) + ", so it no longer "
                + "reports it. " + service + "\n\nPosted automatically by the alert bridge: the CloudWatch alarm "
                + "was deleted.\n" + ref.line();
    }

    public String duplicate(String kept, IncidentRef ref) {
        return "Opened twice by the alert bridge; updates continue in incident " + kept + ".\n" + ref.line();
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

    private static String describe(ServiceStatus status) {
        return status == ServiceStatus.DEGRADED_PERFORMANCE ? "degraded" : "down";
    }
}
