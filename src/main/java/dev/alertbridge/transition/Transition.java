package dev.alertbridge.transition;

import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceTarget;

/** What the bridge will do to one linked service for one alert. */
public sealed interface Transition {

    LinkedService linked();

    default ServiceTarget service() {
        return linked().service();
    }

    /** A transition that writes to StatusHub. */
    sealed interface Write extends Transition {
        IncidentDraft draft();
    }

    /** Open a new incident: service down (or degraded), incident investigating. */
    record Create(LinkedService linked, IncidentDraft draft) implements Write {
    }

    /**
     * The alert cleared: incident monitoring, service up unless other alerts' incidents keep it down.
     * {@code incidentId} is null on integration URLs.
     */
    record MarkMonitoring(LinkedService linked, String incidentId, IncidentDraft draft) implements Write {
    }

    /** StatusHub already shows the right thing. */
    record Unchanged(LinkedService linked, String incidentId, String why) implements Transition {
    }

    /** Deliberately left alone (a person's decision, an older event…). */
    record Skip(LinkedService linked, String why) implements Transition {
    }
}
