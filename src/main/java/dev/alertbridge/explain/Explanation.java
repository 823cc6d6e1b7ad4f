package dev.alertbridge.explain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to {@code {"bridge": "explain"}}: why each service shows what it shows. Statuses and types are
 * StatusHub's wire names; times are ISO-8601.
 *
 * @param explain one entry per service asked about, in configuration order
 * @param notes what could not be read, so what the answer cannot tell (absent when everything was read)
 */
public record Explanation(List<Service> explain, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public Explanation {
        explain = List.copyOf(explain);
        notes = List.copyOf(notes);
    }

    /**
     * One service.
     *
     * @param service its configuration key
     * @param page the status the page shows it (the newest update naming it), or null when that cannot be read (an
     *        integration URL) or no update names it
     * @param justified the worst status its open incidents hold, or null for an integration URL
     * @param incidents its open incidents, the bridge's and people's, oldest first
     * @param quiet CloudWatch alarms in ALARM that a link reaches but that have no open incident on it, and why
     * @param links the links naming it, as configured, embedded or declared by alarms' tags
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(String service, String page, String justified, List<Incident> incidents, List<Quiet> quiet,
            List<Link> links) {
        public Service {
            incidents = List.copyOf(incidents);
            quiet = List.copyOf(quiet);
            links = List.copyOf(links);
        }
    }

    /**
     * One open incident on the service.
     *
     * @param by {@code bridge} (it carries the bridge's reference line) or {@code person}
     * @param type its newest update's type
     * @param holds the status it holds this service at, or null (open, yet holding nothing here)
     * @param alerts the alerts behind a bridge incident; none for a person's
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Incident(String id, String title, String by, String type, String holds, List<Alert> alerts) {
        public Incident {
            alerts = List.copyOf(alerts);
        }
    }

    /**
     * An alert behind a bridge incident.
     *
     * @param source cloudwatch, uptrends, alertmanager or grafana
     * @param monitor its name, or null when nothing known here hashes to the identity the reference line carries
     * @param since when its incident there began
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Alert(String source, String monitor, String since) {
    }

    /**
     * A CloudWatch alarm in ALARM kept off the service.
     *
     * @param why {@code held} (its link's holdDown has not passed) or {@code maintenance}
     * @param since when it entered ALARM
     */
    public record Quiet(String monitor, String why, String since) {
    }

    /**
     * A link naming the service.
     *
     * @param from {@code configuration}, {@code embedded} (the links the event or the rule carries) or {@code tags}
     *        (an alarm's own tags, {@code "tagLinks": true}; its {@code monitor} is that alarm)
     * @param status the status its alerts give the service
     * @param level its escalation level, or null for every level
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Link(String monitor, String from, String status, Integer level) {
    }
}
