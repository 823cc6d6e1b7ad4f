package dev.alertbridge.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an alert came from, by the name a service link uses in its {@code source} field. */
public enum AlertSource {
    CLOUDWATCH("cloudwatch"),
    UPTRENDS("uptrends"),
    ALERTMANAGER("alertmanager"),
    GRAFANA("grafana");

    private final String linkName;

    AlertSource(String linkName) {
        this.linkName = linkName;
    }

    public String linkName() {
        return linkName;
    }

    /** Tolerant parse of external text; empty when the name is not a known source. */
    public static Optional<AlertSource> fromLinkName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.linkName.equals(wanted)).findFirst();
    }
}
