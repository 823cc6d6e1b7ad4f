package dev.alertbridge.transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;

/**
 * The bridge's reference line, the last line of every update it writes, so a later event finds its incident again
 * with no database: e.g. {@code Ref: sb2.cw-1b2c3d4e.ad8bdde897fb.70079659636d.d}. It names nothing internal: the
 * source in two letters ({@code cw}, {@code ut}, {@code am}, {@code gf}), then hashes of the CloudWatch account and
 * region (so the reconciliation tells its own account's incidents from others'), of the alert's stable identity,
 * and of the episode; then the status the alert gives its service ({@code d} down, {@code p} degraded
 * performance), which the incident holds while it is open whatever later updates wrote; a clear adds when it
 * cleared ({@code .c<epoch seconds>}), the time a flap is counted from. The same in every language.
 *
 * <p>
 * An incident is the bridge's when one of its updates carries such a line; every other incident is a person's.
 * The hashes do not depend on the service: what the alert opened is found on every service its updates name.
 */
public record IncidentRef(AlertSource source, String scope, String alert, String episode, ServiceStatus severity,
        Instant clearedAt) {

    private static final Pattern LINE = Pattern.compile(
            "\\bsb2\\.(cw|ut|am|gf)(?:-([0-9a-f]{8}))?\\.([0-9a-f]{12})\\.([0-9a-f]{12}|0)\\.([dp])(?:\\.c(\\d{1,12}))?\\b");

    /** The ref of this alert's incident, giving its service this status. */
    public static IncidentRef of(Alert alert, ServiceStatus severity) {
        String scope = alert.scope().isEmpty() ? "" : hash(alert.scope().toLowerCase(Locale.ROOT), 4);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey(), 6) : "0";
        return new IncidentRef(alert.source(), scope, alertHash(alert), episode, severity, null);
    }

    /** The scope part for a {@code <region>:<account>} (the reconciliation's own account). */
    public static String scopeOf(String regionAndAccount) {
        return hash(regionAndAccount.toLowerCase(Locale.ROOT), 4);
    }

    /** The alert part for a CloudWatch alarm's ARN (the reconciliation tells deleted alarms by it). */
    public static String alarmPart(String arn) {
        return hash(AlertSource.CLOUDWATCH.linkName() + "|" + arn.toLowerCase(Locale.ROOT), 6);
    }

    private static String alertHash(Alert alert) {
        return hash(alert.source().linkName() + "|" + alert.alertKey().toLowerCase(Locale.ROOT), 6);
    }

    /** The first reference line in a text. */
    public static Optional<IncidentRef> find(String text) {
        if (text == null || text.indexOf("sb2.") < 0) {
            return Optional.empty();
        }
        Matcher line = LINE.matcher(text);
        if (!line.find()) {
            return Optional.empty();
        }
        return Optional.of(new IncidentRef(AlertSource.fromRefCode(line.group(1)).orElseThrow(),
                line.group(2) == null ? "" : line.group(2), line.group(3), line.group(4),
                line.group(5).equals("p") ? ServiceStatus.DEGRADED_PERFORMANCE : ServiceStatus.DOWN,
                line.group(6) == null ? null : Instant.ofEpochSecond(Long.parseLong(line.group(6)))));
    }

    /** Whether both refs are of one alert (any episode). */
    public boolean sameAlert(IncidentRef other) {
        return source == other.source && alert.equals(other.alert) && scope.equals(other.scope);
    }

    public boolean sameEpisode(IncidentRef other) {
        return sameAlert(other) && episode.equals(other.episode) && !episode.equals("0");
    }

    public boolean hasEpisode() {
        return !episode.equals("0");
    }

    /** The same ref on a clear written at this time. */
    public IncidentRef clearedAt(Instant at) {
        return new IncidentRef(source, scope, alert, episode, severity, at);
    }

    /** The same ref without a clear time (an update that is not a clear). */
    public IncidentRef open() {
        return new IncidentRef(source, scope, alert, episode, severity, null);
    }

    /**
     * The stable id an integration URL keeps one incident under: the same for the open and the clear of one episode
     * on one service, whatever the status or the time of the clear.
     */
    public String hookId(String serviceKey) {
        return "sb2." + sourcePart() + "." + alert + "." + episode + "." + hash(serviceKey, 3);
    }

    /**
     * The integration URL's id of the alert's incident on a service: one per episode, and for a CloudWatch alarm one
     * per ALARM period, named by the minute it began. Its open (the event's own time, or the reconciliation's
     * reading of the alarm) and its clear (the OK's, or the alarm's history, which records a change within
     * milliseconds of it but not at the same instant) then name the same incident.
     */
    public static String hookId(Alert alert, String serviceKey) {
        IncidentRef ref = of(alert, ServiceStatus.DOWN);
        if (alert.source() == AlertSource.CLOUDWATCH && alert.openedAt() != null) {
            ref = new IncidentRef(ref.source, ref.scope, ref.alert,
                    hash(alert.alertKey() + "@" + alert.openedAt().truncatedTo(ChronoUnit.MINUTES), 6), ref.severity,
                    null);
        }
        return ref.hookId(serviceKey);
    }

    /** The line written at the end of an update. */
    public String line() {
        return "Ref: " + this;
    }

    private String sourcePart() {
        return source.refCode() + (scope.isEmpty() ? "" : "-" + scope);
    }

    @Override
    public String toString() {
        return "sb2." + sourcePart() + "." + alert + "." + episode + "."
                + (severity == ServiceStatus.DEGRADED_PERFORMANCE ? "p" : "d")
                + (clearedAt == null ? "" : ".c" + clearedAt.getEpochSecond());
    }

    static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
