package dev.alertbridge.transition;

import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceTarget;

/** What the bridge will do to one linked service for one alert. */
public sealed interface Transition {

    LinkedService linked();

    /** The incident it concerns; null for a new one, or when there is none. */
    String incidentId();

    default ServiceTarget service() {
        return linked().service();
    }

    /** A transition that writes to StatusHub: its content, and the incident it goes to (null for a new one). */
    sealed interface Write extends Transition {
        IncidentDraft draft();

        String incidentId();
    }

    /**
     * Open a new incident: service down (or degraded), incident investigating.
     *
     * @param hookId on an integration URL, the id the incident is posted under (null on the Management API, where
     *        StatusHub gives it one)
     */
    record Create(LinkedService linked, IncidentDraft draft, String hookId) implements Write {
        @Override
        public String incidentId() {
            return null;
        }
    }

    /** Why the bridge adds an update to an incident it opened. */
    enum Purpose {
        /** The alert cleared: monitoring, the service up unless other open incidents hold it. */
        CLEAR,
        /** The alert opened again soon after its clear ({@code reopenWithin}): investigating again. */
        REOPEN,
        /** Another environment's write landed over this one's: the status the open incidents justify. */
        CORRECTION,
        /** Another environment opened the same incident at the same moment: this copy is resolved. */
        DUPLICATE,
        /** A member joins a shared incident, adding a service or worsening a status: an opening for notify. */
        JOIN,
        /** A member joins a shared incident and nothing changes on the page: posted silent. */
        JOIN_QUIETLY,
        /** A member of a shared incident clears while others stay open: what only it held goes up. */
        RELEASE,
        /** A member of a shared incident clears and nothing changes on the page: posted silent. */
        RELEASE_QUIETLY;

        /** A write that changes nothing a subscriber would be told of: membership kept, a copy closed. */
        public boolean quiet() {
            return this == JOIN_QUIETLY || this == RELEASE_QUIETLY || this == DUPLICATE;
        }
    }

    /** An update of one of the alert's own incidents ({@code incidentId} is the stable id on integration URLs). */
    record Update(LinkedService linked, String incidentId, IncidentDraft draft, Purpose purpose) implements Write {
    }

    /** StatusHub already shows the right thing. */
    record Unchanged(LinkedService linked, String incidentId, String why) implements Transition {
    }

    /** Deliberately left alone (a person's decision, an older event…). */
    record Skip(LinkedService linked, String incidentId, String why) implements Transition {
    }
}
