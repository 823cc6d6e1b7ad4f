package dev.alertbridge.transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.config.ServiceTarget;

/**
 * The bridge's mark on an incident, written into its updates so a later event finds it again with no database:
 * {@code sb-<alert>-<episode>}, e.g. {@code sb-ad8bdde897fb-70079659636de76d}. The alert part is a hash of (source,
 * the alert's stable identity, the StatusHub service); the episode part a hash of (the source's incident identity,
 * service). So every incident one alert opened on one service shares the alert part, whatever the episode, and
 * renaming a monitor or a service's configuration key changes neither.
 *
 * <p>
 * Earlier versions hashed the monitor's name and the service's configuration key: {@link #legacy} computes that
 * mark, so incidents opened before an upgrade are still found and cleared.
 *
 * <p>
 * The same ref is the stable {@code id} sent to integration URLs.
 */
public record IncidentRef(String alertPart, String episodePart) {
    private static final Pattern MARK = Pattern.compile("\\bsb-([0-9a-f]{12})-([0-9a-f]{16})\\b");

    public static IncidentRef of(Alert alert, ServiceTarget service) {
        String target = service.stableKey();
        String alertPart = hash(alert.source().linkName() + "|" + alert.alertKey().toLowerCase(Locale.ROOT) + "|"
                + target, 6);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey() + "|" + target, 8) : "";
        return new IncidentRef(alertPart, episode);
    }

    /** The mark versions before stable identities wrote: monitor name and configuration key. */
    public static IncidentRef legacy(Alert alert, ServiceTarget service) {
        String alertPart = hash(alert.source().linkName() + "|" + alert.monitor().toLowerCase(Locale.ROOT) + "|"
                + service.id(), 6);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey() + "|" + service.id(), 8) : "";
        return new IncidentRef(alertPart, episode);
    }

    /**
     * Whether a legacy mark with this alert part is enough to say an incident is the alert's. For CloudWatch and
     * Uptrends the old monitor part named one alarm or monitor; for Alertmanager and Grafana it named a rule shared
     * by many alerts, so only the whole legacy ref (its episode) identifies one of them.
     */
    public static boolean legacyAlertPartIdentifies(AlertSource source) {
        return source == AlertSource.CLOUDWATCH || source == AlertSource.UPTRENDS;
    }

    public boolean hasEpisode() {
        return !episodePart.isEmpty();
    }

    /** Every bridge mark in a text, in order. */
    public static List<IncidentRef> findAll(String text) {
        List<IncidentRef> refs = new ArrayList<>();
        if (text != null) {
            Matcher matcher = MARK.matcher(text);
            while (matcher.find()) {
                refs.add(new IncidentRef(matcher.group(1), matcher.group(2)));
            }
        }
        return refs;
    }

    @Override
    public String toString() {
        return "sb-" + alertPart + "-" + episodePart;
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
