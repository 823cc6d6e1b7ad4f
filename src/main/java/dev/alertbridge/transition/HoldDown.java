package dev.alertbridge.transition;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.alertbridge.alert.Alert;

/**
 * {@code holdDown}: a CloudWatch ALARM whose period began less than the hold ago opens nothing yet; the
 * reconciliation opens it once the alarm has been in ALARM that long, with the same identity. An incident the alert
 * already has is left to the usual rules. The same for an incident of its own and for a group's shared incident.
 */
final class HoldDown {
    private HoldDown() {
    }

    /** Why the open waits, if it does. */
    static Optional<String> held(Alert alert, Duration hold, boolean hasIncident, Instant now) {
        if (hold.isZero() || hasIncident) {
            return Optional.empty();
        }
        if (alert.openedAt() == null) {
            // An SNS "still in ALARM" does not say since when: CloudWatch does, to the reconciliation.
            return Optional.of("held: the event does not say when the ALARM began (holdDown " + hold.toSeconds()
                    + " s); the reconciliation opens it once the alarm has lasted");
        }
        Instant until = alert.openedAt().plus(hold).truncatedTo(ChronoUnit.SECONDS);
        return until.isAfter(now) ? Optional.of("held until " + until + " (holdDown " + hold.toSeconds()
                + " s): the reconciliation opens it if the alarm is still in ALARM") : Optional.empty();
    }
}
