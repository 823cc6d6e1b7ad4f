package dev.alertbridge.reconcile;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One thing a reconciliation run found wrong on the page, and what it did ({@code repaired}) or would do
 * ({@code drift}, report mode): an entry of the run's answer and a structured log line, e.g.
 * {@code {"reconcile":"repaired","alarm":"checkout-5xx","alarmState":"ALARM","since":"…","service":"checkout",
 * "action":"created","incidentId":"48213"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "reconcile", "alarm", "alarmState", "since", "service", "action", "incidentId" })
public sealed interface Finding {

    /** Whether the run wrote it. */
    enum Verdict {
        DRIFT,
        REPAIRED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Verdict of(boolean repair) {
            return repair ? REPAIRED : DRIFT;
        }
    }

    @JsonProperty("reconcile")
    Verdict verdict();

    /** The service's configuration key. */
    String service();

    /** What the run did (created, updated, corrected to up) or would do. */
    String action();

    /** The incident written to, when known. */
    String incidentId();

    /** An alarm whose state the page did not show (a lost open or clear). */
    record AlarmNotShown(Verdict verdict, @JsonIgnore AlarmState state, String service, String action,
            String incidentId) implements Finding {
        @JsonProperty
        public String alarm() {
            return state.name();
        }

        @JsonProperty
        public String alarmState() {
            return state.value();
        }

        @JsonProperty
        public String since() {
            return String.valueOf(state.since());
        }
    }

    /** An incident left open by an alarm that was deleted. */
    record AlarmDeleted(Verdict verdict, String service, String action, String incidentId) implements Finding {
        @JsonProperty
        public String alarmState() {
            return "deleted";
        }
    }

    /** A status the open incidents do not justify (a lost correction). */
    record StatusNotJustified(Verdict verdict, String service, String action, String incidentId) implements Finding {
    }
}
