package dev.alertbridge.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** StatusHub's service statuses, with their wire names, from best to worst. */
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

    /** Whether this is worse than {@code other} (down is worse than degraded performance, which is worse than up). */
    public boolean worse(ServiceStatus other) {
        return compareTo(other) > 0;
    }

    /** The worst of these statuses; up when there are none. */
    public static ServiceStatus worstOf(java.util.Collection<ServiceStatus> statuses) {
        return statuses.stream().reduce(UP, ServiceStatus::worst);
    }

    /** The worse of two statuses: a service shows the worst among its open incidents. */
    public ServiceStatus worst(ServiceStatus other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** Tolerant: unknown or missing statuses read as empty rather than failing a whole response. */
    public static Optional<ServiceStatus> fromWire(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst();
    }
}
