package dev.alertbridge.transition;

import java.util.List;

/** What the bridge knows of one service before deciding for an alert. */
public sealed interface Current {

    /**
     * StatusHub shows these bridge incidents on the service.
     *
     * @param ofAlert the alert's own incidents there (open, cleared or resolved), oldest first
     * @param othersOpen open incidents other alerts opened there: while any is open the service stays down
     */
    record Shown(List<IncidentView> ofAlert, List<IncidentView> othersOpen) implements Current {
        public Shown {
            ofAlert = List.copyOf(ofAlert);
            othersOpen = List.copyOf(othersOpen);
        }
    }

    /** An integration URL cannot be asked what it shows: writes there are idempotent by their stable id. */
    record Unreadable() implements Current {
    }

    Current NOTHING = new Shown(List.of(), List.of());
    Current UNREADABLE = new Unreadable();
}
