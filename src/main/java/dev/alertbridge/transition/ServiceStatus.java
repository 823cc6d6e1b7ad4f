package dev.alertbridge.transition;

/** StatusHub's service statuses, with their wire names. */
public enum ServiceStatus {
    /** "Service is operating normally". */
    UP("up"),
    DEGRADED_PERFORMANCE("degraded-performance"),
    /** "Service disruption". */
    DOWN("down");

    private final String wireName;

    ServiceStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
