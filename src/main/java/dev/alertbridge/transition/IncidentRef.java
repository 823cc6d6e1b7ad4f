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
 * with no database, e.g. {@code Réf. 7F3A-9C21 sb3 cw-1b2c3d4e.ad8bdde897fb.70079659636d.d}: a label in the update's
 * language, the <em>reference</em> a customer quotes (the same on every update of the incident), then the
 * <em>state</em> the bridge reads back. The state names nothing internal: the source in two letters ({@code cw},
 * {@code ut}, {@code am}, {@code gf}), hashes of the CloudWatch account and region (so the reconciliation tells its
 * own account's incidents from others'), of the alert's stable identity and of the episode; then the status the alert
 * gives its service ({@code d} down, {@code p} degraded performance), which the incident holds while it is open
 * whatever later updates wrote; a clear adds when it cleared ({@code .c<epoch seconds>}), the time a flap is counted
 * from. A flap's continuation writes its own episode under the incident's reference, so every episode an incident
 * carries is found.
 *
 * <p>
 * An incident is the bridge's when one of its updates carries such a line (or the line versions before it wrote,
 * {@code Ref: sb2.<state>}, which is still read); every other incident is a person's. The hashes do not depend on the
 * service: what the alert opened is found on every service its updates name.
 *
 * @param reference the token customers quote ({@code 7F3A-9C21}): derived from the alert and episode that created
 *        the incident, kept on every later update of it
 */
public record IncidentRef(AlertSource source, String scope, String alert, String episode, ServiceStatus severity,
        Instant clearedAt, String reference) {

    private static final String STATE = "(cw|ut|am|gf)(?:-([0-9a-f]{8}))?\\.([0-9a-f]{12})\\.([0-9a-f]{12}|0)\\.([dp])"
            + "(?:\\.c(\\d{1,12}))?";
    /** Today's line: label, reference, the state's version, the state. */
    private static final Pattern LINE = Pattern.compile(
            "(?:Ref|Réf|Rif)\\. ([0-9A-F]{4}-[0-9A-F]{4}) sb3 " + STATE + "\\b");
    /** The line versions before it wrote: {@code Ref: sb2.<state>}. */
    private static final Pattern EARLIER_LINE = Pattern.compile("\\bsb2\\." + STATE + "\\b");

    /** The ref of this alert's incident, giving its service this status. */
    public static IncidentRef of(Alert alert, ServiceStatus severity) {
        String scope = alert.scope().isEmpty() ? "" : hash(alert.scope().toLowerCase(Locale.ROOT), 4);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey(), 6) : "0";
        return new IncidentRef(alert.source(), scope, alertHash(alert), episode, severity, null, null);
    }

    public IncidentRef {
        reference = reference == null ? referenceOf(source, scope, alert, episode) : reference;
    }

    /** The reference of an incident this alert and episode create: four bytes of their hash, as {@code XXXX-XXXX}. */
    private static String referenceOf(AlertSource source, String scope, String alert, String episode) {
        String token = hash(source.refCode() + "|" + scope + "|" + alert + "|" + episode, 4).toUpperCase(Locale.ROOT);
        return token.substring(0, 4) + "-" + token.substring(4);
    }

    /** The scope part for a {@code <region>:<account>} (the reconciliation's own account). */
    public static String scopeOf(String regionAndAccount) {
        return hash(regionAndAccount.toLowerCase(Locale.ROOT), 4);
    }

    /** The alert part for a CloudWatch alarm's ARN (the reconciliation tells deleted alarms by it). */
    public static String alarmPart(String arn) {
        return alertPart(AlertSource.CLOUDWATCH, arn);
    }

    /** The alert part for an alert of this source with this identity (explain names an incident's alert by it). */
    public static String alertPart(AlertSource source, String alertKey) {
        return hash(source.linkName() + "|" + alertKey.toLowerCase(Locale.ROOT), 6);
    }

    private static String alertHash(Alert alert) {
        return alertPart(alert.source(), alert.alertKey());
    }

    /** The first reference line in a text: today's, or the one versions before it wrote. */
    public static Optional<IncidentRef> find(String text) {
        if (text == null || text.indexOf("sb") < 0) {
            return Optional.empty();
        }
        Matcher line = LINE.matcher(text);
        if (line.find()) {
            return Optional.of(parsed(line, 2, line.group(1)));
        }
        Matcher earlier = EARLIER_LINE.matcher(text);
        return earlier.find() ? Optional.of(parsed(earlier, 1, null)) : Optional.empty();
    }

    private static IncidentRef parsed(Matcher state, int from, String reference) {
        return new IncidentRef(AlertSource.fromRefCode(state.group(from)).orElseThrow(),
                state.group(from + 1) == null ? "" : state.group(from + 1), state.group(from + 2),
                state.group(from + 3), state.group(from + 4).equals("p") ? ServiceStatus.DEGRADED_PERFORMANCE
                        : ServiceStatus.DOWN,
                state.group(from + 5) == null ? null : Instant.ofEpochSecond(Long.parseLong(state.group(from + 5))),
                reference);
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
        return new IncidentRef(source, scope, alert, episode, severity, at, reference);
    }

    /** The same ref without a clear time (an update that is not a clear). */
    public IncidentRef open() {
        return new IncidentRef(source, scope, alert, episode, severity, null, reference);
    }

    /** This episode's state under an incident's reference (a flap's continuation of that incident). */
    public IncidentRef under(String incidentReference) {
        return new IncidentRef(source, scope, alert, episode, severity, clearedAt, incidentReference);
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
                    null, null);
        }
        return ref.hookId(serviceKey);
    }

    /** The line written at the end of an update in English. */
    public String line() {
        return line("en");
    }

    /**
     * The line written at the end of an update in this language ({@code en}, {@code fr}…): the label is the
     * language's abbreviation of "reference" (Ref., Réf., Rif.), never English on a French page.
     */
    public String line(String language) {
        return label(language) + " " + reference + " " + this;
    }

    private static String label(String language) {
        return switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
            case "fr" -> "Réf.";
            case "it" -> "Rif.";
            default -> "Ref.";
        };
    }

    private String sourcePart() {
        return source.refCode() + (scope.isEmpty() ? "" : "-" + scope);
    }

    /** The state part of the line (what the bridge reads back). */
    @Override
    public String toString() {
        return "sb3 " + sourcePart() + "." + alert + "." + episode + "."
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
