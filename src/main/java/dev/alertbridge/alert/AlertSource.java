package dev.alertbridge.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an alert came from, by the name a service link uses in its {@code source} field. */
public enum AlertSource {
    CLOUDWATCH("cloudwatch", "cw"),
    UPTRENDS("uptrends", "ut"),
    ALERTMANAGER("alertmanager", "am"),
    GRAFANA("grafana", "gf");

    private final String linkName;
    private final String refCode;

    AlertSource(String linkName, String refCode) {
        this.linkName = linkName;
        this.refCode = refCode;
    }

    /** How the bridge's reference line names the source: two letters, the same in every language. */
    public String refCode() {
        return refCode;
    }

    public static Optional<AlertSource> fromRefCode(String code) {
        return Arrays.stream(values()).filter(s -> s.refCode.equals(code)).findFirst();
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
