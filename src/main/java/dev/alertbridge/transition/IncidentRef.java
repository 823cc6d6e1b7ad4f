package dev.alertbridge.transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * <p>
 * A shared incident ({@code group}) carries the group's hash after {@code sb3} ({@code g1a2b3c4d}) and, for each
 * member the update touches, its state with the status it gives each of its services, by a hash of the service
 * ({@code 7a3fd9c01p}: the service hashed {@code 7a3f} down, {@code 9c01} degraded): {@code Ref. 4C1D-0A9E sb3
 * g1a2b3c4d cw-….7a3fd.c1570037680 am-….9c01p}. What the incident holds is the fold of its updates' members.
 *
 * @param reference the token customers quote ({@code 7F3A-9C21}): derived from the alert and episode that created
 *        the incident (a shared incident: its group and first member), kept on every later update of it
 * @param group a shared incident's group hash, or null
 * @param services a member of a shared incident: the status it gives each of its services, by service hash (empty
 *        on an incident of one alert, where {@code severity} is the status it gives its service)
 */
public record IncidentRef(AlertSource source, String scope, String alert, String episode, ServiceStatus severity,
        Instant clearedAt, String reference, String group, Map<String, ServiceStatus> services) {

    private static final String MEMBER = "(cw|ut|am|gf)(?:-([0-9a-f]{8}))?\\.([0-9a-f]{12})\\.([0-9a-f]{12}|0)\\."
            + "([dp]|(?:[0-9a-f]{4}[dp])+)(?:\\.c(\\d{1,12}))?";
    private static final Pattern MEMBERS = Pattern.compile(MEMBER + "\\b");
    /** Today's line: label, reference, the state's version, the group (shared incidents), the members. */
    private static final Pattern LINE = Pattern.compile("(?:Ref|Réf|Rif)\\. ([0-9A-F]{4}-[0-9A-F]{4}) sb3 "
            + "(?:g([0-9a-f]{8}) )?(" + MEMBER + "(?: " + MEMBER + ")*)\\b");
    /** The line versions before it wrote: {@code Ref: sb2.<state>}. */
    private static final Pattern EARLIER_LINE = Pattern.compile("\\bsb2\\." + MEMBER + "\\b");
    private static final Pattern SERVICE_STATUS = Pattern.compile("([0-9a-f]{4})([dp])");

    /** The ref of this alert's incident, giving its service this status. */
    public static IncidentRef of(Alert alert, ServiceStatus severity) {
        String scope = alert.scope().isEmpty() ? "" : hash(alert.scope().toLowerCase(Locale.ROOT), 4);
        String episode = alert.hasIncidentKey() ? hash(alert.incidentKey(), 6) : "0";
        return new IncidentRef(alert.source(), scope, alertHash(alert), episode, severity, null, null, null, Map.of());
    }

    /**
     * The ref of this alert as a member of a shared incident of {@code group} (its {@link #groupOf hash}), giving
     * each of its services there a status (by StatusHub id).
     */
    public static IncidentRef member(Alert alert, String group, Map<Long, ServiceStatus> statuses) {
        Map<String, ServiceStatus> services = new TreeMap<>();
        statuses.forEach((id, status) -> services.put(serviceHash(id), status));
        IncidentRef single = of(alert, ServiceStatus.worstOf(statuses.values()));
        return new IncidentRef(single.source, single.scope, single.alert, single.episode, single.severity, null, null,
                group, services);
    }

    public IncidentRef {
        services = services == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(services));
        reference = reference == null ? referenceOf(source, scope, alert, episode, group) : reference;
    }

    /** The hash a shared incident's line names its group by: the same in every environment. */
    public static String groupOf(String groupKey) {
        return hash("group|" + groupKey, 4);
    }

    /** The hash a member's state names a service by. */
    public static String serviceHash(long serviceId) {
        return hash("service|" + serviceId, 2);
    }

    /** Whether this member's state names that service (a shared incident's member), and what it gives it. */
    public Optional<ServiceStatus> gives(long serviceId) {
        return Optional.ofNullable(services.get(serviceHash(serviceId)));
    }

    /**
     * The reference of an incident this alert and episode create (of a shared incident: with its group): four bytes
     * of their hash, as {@code XXXX-XXXX}.
     */
    private static String referenceOf(AlertSource source, String scope, String alert, String episode, String group) {
        String token = hash((group == null ? "" : group + "|") + source.refCode() + "|" + scope + "|" + alert + "|"
                + episode, 4).toUpperCase(Locale.ROOT);
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

    /** The first member of the first reference line in a text: today's, or the one versions before it wrote. */
    public static Optional<IncidentRef> find(String text) {
        List<IncidentRef> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every member the first reference line in a text names (one, unless it is a shared incident's). */
    public static List<IncidentRef> findAll(String text) {
        if (text == null || text.indexOf("sb") < 0) {
            return List.of();
        }
        Matcher line = LINE.matcher(text);
        if (line.find()) {
            List<IncidentRef> members = new ArrayList<>();
            Matcher member = MEMBERS.matcher(line.group(3));
            while (member.find()) {
                members.add(parsed(member, 1, line.group(1), line.group(2)));
            }
            return members;
        }
        Matcher earlier = EARLIER_LINE.matcher(text);
        return earlier.find() ? List.of(parsed(earlier, 1, null, null)) : List.of();
    }

    private static IncidentRef parsed(Matcher state, int from, String reference, String group) {
        String status = state.group(from + 4);
        Map<String, ServiceStatus> services = new TreeMap<>();
        Matcher each = SERVICE_STATUS.matcher(status.length() > 1 ? status : "");
        while (each.find()) {
            services.put(each.group(1), letter(each.group(2)));
        }
        ServiceStatus severity = services.isEmpty() ? letter(status)
                : ServiceStatus.worstOf(services.values());
        return new IncidentRef(AlertSource.fromRefCode(state.group(from)).orElseThrow(),
                state.group(from + 1) == null ? "" : state.group(from + 1), state.group(from + 2),
                state.group(from + 3), severity,
                state.group(from + 5) == null ? null : Instant.ofEpochSecond(Long.parseLong(state.group(from + 5))),
                reference, group, services);
    }

    private static ServiceStatus letter(String code) {
        return code.equals("p") ? ServiceStatus.DEGRADED_PERFORMANCE : ServiceStatus.DOWN;
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
        return new IncidentRef(source, scope, alert, episode, severity, at, reference, group, services);
    }

    /** The same ref without a clear time (an update that is not a clear). */
    public IncidentRef open() {
        return new IncidentRef(source, scope, alert, episode, severity, null, reference, group, services);
    }

    /** This episode's state under an incident's reference (a flap's continuation of that incident). */
    public IncidentRef under(String incidentReference) {
        return new IncidentRef(source, scope, alert, episode, severity, clearedAt, incidentReference, group, services);
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
                    null, null, null, Map.of());
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
        return line(language, List.of(this));
    }

    /**
     * A shared incident's line: its reference, its group, and the state of each member this update touches (the
     * first member's reference and group are the line's).
     */
    public static String line(String language, List<IncidentRef> members) {
        IncidentRef first = members.get(0);
        StringBuilder line = new StringBuilder(label(language)).append(' ').append(first.reference).append(" sb3");
        if (first.group != null) {
            line.append(" g").append(first.group);
        }
        members.forEach(m -> line.append(' ').append(m.state()));
        return line.toString();
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
        return "sb3 " + (group == null ? "" : "g" + group + " ") + state();
    }

    /** One member's state: its alert and episode, the status it gives (each service's, in a shared incident). */
    private String state() {
        StringBuilder statuses = new StringBuilder();
        if (services.isEmpty()) {
            statuses.append(code(severity));
        } else {
            services.forEach((service, status) -> statuses.append(service).append(code(status)));
        }
        return sourcePart() + "." + alert + "." + episode + "." + statuses
                + (clearedAt == null ? "" : ".c" + clearedAt.getEpochSecond());
    }

    private static String code(ServiceStatus status) {
        return status == ServiceStatus.DEGRADED_PERFORMANCE ? "p" : "d";
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
