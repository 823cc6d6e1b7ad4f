package dev.alertbridge.transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import dev.alertbridge.alert.Alert;

/**
 * The bridge's mark on an incident, written into its updates so the clear finds it again with no database:
 * {@code sb-<monitor>-<episode>}, e.g. {@code sb-ad8bdde897fb-70079659636de76d}. The monitor part is a hash of (source,
 * monitor, service); the episode part a hash of (the source's incident identity, service). So the open and the
 * clear of one alert on one service share a ref, two alerts of one monitor differ only in the episode part, and a
 * clear that cannot name its episode can still find its monitor's incident by the prefix.
 *
 * <p>The same ref is the stable {@code id} sent to integration URLs.
 */
public record IncidentRef(String monitorPart, String episodePart) {

    public static IncidentRef of(Alert alert, String serviceId) {
        String monitor = hash(alert.source().linkName() + "|" + alert.monitor().toLowerCase(Locale.ROOT) + "|"
                + serviceId, 6);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey() + "|" + serviceId, 8) : "";
        return new IncidentRef(monitor, episode);
    }

    /** Present in every incident of this monitor on this service. */
    public String monitorPrefix() {
        return "sb-" + monitorPart + "-";
    }

    public boolean hasEpisode() {
        return !episodePart.isEmpty();
    }

    /** Finds the full ref in a body this bridge wrote, e.g. to reuse it when a clear only knows the monitor. */
    public static java.util.Optional<IncidentRef> findIn(String body, String monitorPrefix) {
        int at = body == null ? -1 : body.indexOf(monitorPrefix);
        if (at < 0) {
            return java.util.Optional.empty();
        }
        int start = at + monitorPrefix.length();
        int end = start;
        while (end < body.length() && Character.digit(body.charAt(end), 16) >= 0) {
            end++;
        }
        String monitor = monitorPrefix.substring(3, monitorPrefix.length() - 1);
        return end == start ? java.util.Optional.empty()
                : java.util.Optional.of(new IncidentRef(monitor, body.substring(start, end)));
    }

    @Override
    public String toString() {
        return monitorPrefix() + episodePart;
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
