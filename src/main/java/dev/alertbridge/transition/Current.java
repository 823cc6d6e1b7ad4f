package dev.alertbridge.transition;

/** What the bridge knows of an alert's incident on one service before deciding. */
public sealed interface Current {

    /** StatusHub has no incident of this alert on the service. */
    record NotFound() implements Current {
    }

    /** StatusHub shows this incident. */
    record Found(IncidentView incident) implements Current {
    }

    /** An integration URL cannot be asked what it shows: writes there are idempotent by their stable id. */
    record Unreadable() implements Current {
    }

    Current NOT_FOUND = new NotFound();
    Current UNREADABLE = new Unreadable();
}
