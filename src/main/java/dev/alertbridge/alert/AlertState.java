package dev.alertbridge.alert;

/** What an alert event means for the status page. */
public enum AlertState {
    /** A new error at a linked escalation level: open an incident. */
    OPEN,
    /** The error is over: service back up, incident to monitoring. */
    CLEAR,
    /** Reminders, INSUFFICIENT_DATA, unchanged states: nothing to do. */
    NO_CHANGE,
    /** A person pressed a sender's Test button (Grafana's contact point): answered, reported, never written. */
    TEST,
    /** The monitoring pipeline's heartbeat (the configuration's {@code heartbeat}): counted, never written. */
    HEARTBEAT;

    /** Whether the alert may change the page: the others are reported and nothing is read or written for them. */
    public boolean changesThePage() {
        return this == OPEN || this == CLEAR;
    }

    /** Answered and reported only: no service is looked up for it (a test, a heartbeat). */
    public boolean reachesNoService() {
        return this == TEST || this == HEARTBEAT;
    }
}
