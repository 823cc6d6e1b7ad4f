package dev.alertbridge.transition;

import dev.alertbridge.config.ServiceTarget;

/** What the bridge will do to one linked service for one alert. */
public sealed interface Transition {

    ServiceTarget service();

    /** A transition that writes to StatusHub. */
    sealed interface Write extends Transition {
        IncidentDraft draft();
    }

    /** Open a new incident: service down, incident investigating. */
    record Create(ServiceTarget service, IncidentDraft draft) implements Write {
    }

    /** The alert cleared: service up, incident monitoring. {@code incidentId} is null on integration URLs. */
    record MarkMonitoring(ServiceTarget service, String incidentId, IncidentDraft draft) implements Write {
    }

    /** StatusHub already shows the right thing. */
    record Unchanged(ServiceTarget service, String why) implements Transition {
    }

    /** Deliberately left alone (a person's decision, an older event…). */
    record Skip(ServiceTarget service, String why) implements Transition {
    }
}
