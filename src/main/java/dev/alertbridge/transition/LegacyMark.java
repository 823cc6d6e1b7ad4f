package dev.alertbridge.transition;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * The mark versions before the reference line wrote, {@code sb-<alert and service>-<episode and service>}: incidents
 * opened before an upgrade still hold their service while open, and their alert's clear still finds them on the
 * services it is linked to (the mark's hashes include the service, so only there).
 */
public record LegacyMark(String alertPart, String episodePart) {
    private static final Pattern MARK = Pattern.compile("\\bsb-([0-9a-f]{12})-([0-9a-f]{16})\\b");
    /** How those versions began the opening of an incident that degrades its service. */
    static final String DEGRADED_OPENING = "We are investigating degraded performance";

    public static Optional<LegacyMark> find(String text) {
        if (text == null || text.indexOf("sb-") < 0) {
            return Optional.empty();
        }
        Matcher mark = MARK.matcher(text);
        return mark.find() ? Optional.of(new LegacyMark(mark.group(1), mark.group(2))) : Optional.empty();
    }

    /** The mark those versions wrote for this alert on the service with this stable key. */
    public static LegacyMark of(Alert alert, String serviceKey) {
        String alertPart = IncidentRef.hash(alert.source().linkName() + "|" + alert.alertKey().toLowerCase(Locale.ROOT)
                + "|" + serviceKey, 6);
        String episode = alert.hasIncidentKey() ? IncidentRef.hash(alert.incidentKey() + "|" + serviceKey, 8) : "";
        return new LegacyMark(alertPart, episode);
    }

    /**
     * The mark the versions before stable identities wrote: the monitor's name and the service's configuration id.
     * Only a CloudWatch alarm's or an Uptrends monitor's name names one alert; an Alertmanager or Grafana rule's is
     * shared by many, so for those this mark is not looked for.
     */
    public static Optional<LegacyMark> byName(Alert alert, String serviceId) {
        if (alert.source() != AlertSource.CLOUDWATCH
                && alert.source() != AlertSource.UPTRENDS) {
            return Optional.empty();
        }
        String alertPart = IncidentRef.hash(alert.source().linkName() + "|" + alert.monitor().toLowerCase(Locale.ROOT)
                + "|" + serviceId, 6);
        String episode = alert.hasIncidentKey() ? IncidentRef.hash(alert.incidentKey() + "|" + serviceId, 8) : "";
        return Optional.of(new LegacyMark(alertPart, episode));
    }

    /** The mark as those versions wrote it. */
    public String text() {
        return "sb-" + alertPart + "-" + episodePart;
    }

    /** Whether an incident's mark is this alert's; {@code episode} when it names this event's episode too. */
    boolean names(LegacyMark found) {
        return alertPart.equals(found.alertPart());
    }

    boolean namesEpisode(LegacyMark found) {
        return !episodePart.isEmpty() && episodePart.equals(found.episodePart());
    }
}
