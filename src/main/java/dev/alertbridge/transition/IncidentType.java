package dev.alertbridge.transition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** StatusHub's incident types, with their wire names. */
public enum IncidentType {
    INVESTIGATING("investigating"),
    IDENTIFIED("identified"),
    MONITORING("monitoring"),
    RESOLVED("resolved");

    private final String wireName;

    IncidentType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Investigating and identified incidents are open: they hold their services' status. */
    public boolean holdsStatus() {
        return this == INVESTIGATING || this == IDENTIFIED;
    }

    /** Tolerant: unknown or missing types read as empty rather than failing a whole response. */
    public static Optional<IncidentType> fromWire(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst();
    }
}
