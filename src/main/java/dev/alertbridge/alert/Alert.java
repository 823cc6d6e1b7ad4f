package dev.alertbridge.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One alert transition, normalized from any source.
 *
 * <p>
 * {@code alertKey} is what the source keeps state for, and so what the bridge keeps one open incident per
 * service for: a CloudWatch alarm (its ARN), an Uptrends monitor (its GUID), one Alertmanager or Grafana alert
 * (its label fingerprint). Names people change are not part of it.
 *
 * <p>
 * {@code incidentKey} is the source's own identity of one error episode (Uptrends incidentKey,
 * Alertmanager fingerprint + startsAt, CloudWatch alarm ARN + the time it entered ALARM): the open and
 * the clear of one episode carry the same key, two episodes of one monitor carry different keys. It is
 * empty when a clear cannot name its episode (e.g. an SNS OK); a clear ends every open incident of the alert anyway.
 *
 * @param source where the alert came from
 * @param monitorIds every identity a service link may name (alarm name and ARN, monitor GUID and name…)
 * @param alertKey the stable identity of the alert (see above)
 * @param escalationLevel 1–3
 * @param state open, clear, nothing or a test
 * @param incidentKey the episode's identity, or empty (see above)
 * @param openedAt when the episode began, if known
 * @param at when this transition happened
 * @param title the alert's own title (an alarm name, a rule's name, a monitor's name)
 * @param description the alert's own description (internal: reaches the page only through a template)
 * @param continuation an open that says the error was already under way (CloudWatch ALARM → ALARM): the source
 *        does not say when it began, and it never starts an error a person already ended
 * @param afterNoData a CloudWatch ALARM whose previous state was INSUFFICIENT_DATA: it may continue an error that
 *        began before (ALARM → INSUFFICIENT_DATA → ALARM is one error), which only the alarm's history tells
 * @param silencedPeriod a CloudWatch OK ending an ALARM period that was muted or whose actions were suppressed:
 *        its ALARM opened nothing, so nothing write-only heard of it
 * @param linkTags what the alert says of its own link (its {@code statushub} tags or labels), or that a CloudWatch
 *        alarm's tags must be read
 */
public record Alert(
        AlertSource source,
        List<String> monitorIds,
        String alertKey,
        int escalationLevel,
        AlertState state,
        String incidentKey,
        Instant openedAt,
        Instant at,
        String title,
        String description,
        boolean continuation,
        boolean afterNoData,
        boolean silencedPeriod,
        LinkTags linkTags) {

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        monitorIds = List.copyOf(monitorIds);
        Objects.requireNonNull(alertKey, "alertKey");
        incidentKey = incidentKey == null ? "" : incidentKey;
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        linkTags = linkTags == null ? LinkTags.NONE : linkTags;
    }

    /** The name people know the monitor by: the first identity. */
    public String monitor() {
        return monitorIds.isEmpty() ? "" : monitorIds.get(0);
    }

    /** When its episode began, else (not known) when the alert happened. */
    public Instant episodeStart() {
        return openedAt != null ? openedAt : at;
    }

    public boolean hasIncidentKey() {
        return !incidentKey.isEmpty();
    }

    /**
     * Where a CloudWatch alarm lives, {@code <region>:<account>} from its ARN, so the bridge can tell its own
     * account's alarms from others'; empty for other sources and for alarms known only by name.
     */
    public String scope() {
        return source == AlertSource.CLOUDWATCH ? AlarmArn.parse(alertKey).map(AlarmArn::regionAndAccount).orElse("")
                : "";
    }

    /** An alert of this source about the thing it keeps state for; the rest by named steps, then {@link Builder#at}. */
    public static Builder of(AlertSource source, String alertKey) {
        return new Builder(source, alertKey);
    }

    /** The same alert, changing nothing: what a late or silenced event becomes, saying why in its title. */
    public Alert noChange(String why) {
        return new Alert(source, monitorIds, alertKey, escalationLevel, AlertState.NO_CHANGE, "", null, at, why,
                description, false, false, false, linkTags);
    }

    /** The same alert as the monitoring pipeline's heartbeat: reported, never written. */
    public Alert asHeartbeat() {
        return new Alert(source, monitorIds, alertKey, escalationLevel, AlertState.HEARTBEAT, "", null, at, title,
                description, false, false, false, linkTags);
    }

    /** The same open, now knowing when its episode began (the alarm's state read back). */
    public Alert beganAt(Instant began) {
        return new Alert(source, monitorIds, alertKey, escalationLevel, state, alertKey + "@" + began, began, at, title,
                description, false, false, silencedPeriod, linkTags);
    }

    /** The same ALARM, continuing the error that began then (its history showed INSUFFICIENT_DATA in between). */
    public Alert continuesPeriod(Instant began) {
        return new Alert(source, monitorIds, alertKey, escalationLevel, state, alertKey + "@" + began, began, at, title,
                description, true, false, false, linkTags);
    }

    /**
     * The same ALARM, as one that may have come back from INSUFFICIENT_DATA (the reconciliation reads the state, not
     * the change: only the alarm's history tells whether its error began before).
     */
    public Alert maybeAfterNoData() {
        return new Alert(source, monitorIds, alertKey, escalationLevel, state, incidentKey, openedAt, at, title,
                description, continuation, true, silencedPeriod, linkTags);
    }

    /** The same clear, ending the period that began then (the alarm's history told). */
    public Alert periodBegan(Instant began) {
        return new Alert(source, monitorIds, alertKey, escalationLevel, state, alertKey + "@" + began, began, at, title,
                description, continuation, afterNoData, silencedPeriod, linkTags);
    }

    /** Builds an {@link Alert} by named steps, so adapters read as what the source said. */
    public static final class Builder {
        private final AlertSource source;
        private final String alertKey;
        private List<String> monitorIds = List.of();
        private int escalationLevel = 1;
        private AlertState state = AlertState.NO_CHANGE;
        private String incidentKey = "";
        private Instant openedAt;
        private String title = "";
        private String description = "";
        private boolean continuation;
        private boolean afterNoData;
        private boolean silencedPeriod;
        private LinkTags linkTags = LinkTags.NONE;

        private Builder(AlertSource source, String alertKey) {
            this.source = source;
            this.alertKey = alertKey;
        }

        /** Every identity a service link may name: the first is the name people know it by. */
        public Builder knownAs(List<String> ids) {
            this.monitorIds = ids;
            return this;
        }

        public Builder atLevel(int level) {
            this.escalationLevel = level;
            return this;
        }

        /** An error episode began (or continues): its identity, and when it began. */
        public Builder opens(String episode, Instant began) {
            return state(AlertState.OPEN, episode, began);
        }

        /** The error was already under way before this event (ALARM → ALARM); its episode as far as it is known. */
        public Builder continues(String episode, Instant began) {
            this.continuation = true;
            return state(AlertState.OPEN, episode, began);
        }

        /** The error is over; the episode it ends, when the source says (else empty and null). */
        public Builder clears(String episode, Instant began) {
            return state(AlertState.CLEAR, episode, began);
        }

        /** Nothing changed for the page (INSUFFICIENT_DATA, a silenced alarm). */
        public Builder changesNothing(String episode) {
            return state(AlertState.NO_CHANGE, episode, null);
        }

        /** A sender's test notification: no episode, nothing to write. */
        public Builder isATest() {
            return state(AlertState.TEST, "", null);
        }

        private Builder state(AlertState state, String episode, Instant began) {
            this.state = state;
            this.incidentKey = episode;
            this.openedAt = began;
            return this;
        }

        /** The previous state was INSUFFICIENT_DATA (see {@link Alert#afterNoData}). */
        public Builder afterNoData() {
            this.afterNoData = true;
            return this;
        }

        /** The period this clear ends was muted or suppressed (see {@link Alert#silencedPeriod}). */
        public Builder silencedPeriod() {
            this.silencedPeriod = true;
            return this;
        }

        /** What the alert says of its own link (see {@link Alert#linkTags}). */
        public Builder declaring(LinkTags tags) {
            this.linkTags = tags;
            return this;
        }

        public Builder titled(String title) {
            this.title = title;
            return this;
        }

        public Builder described(String description) {
            this.description = description;
            return this;
        }

        /** When this transition happened: the last step. */
        public Alert at(Instant at) {
            return new Alert(source, monitorIds, alertKey, escalationLevel, state, incidentKey, openedAt, at, title,
                    description, continuation, afterNoData, silencedPeriod, linkTags);
        }
    }
}
