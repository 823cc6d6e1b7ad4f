package dev.alertbridge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.alertbridge.event.Adapted;
import dev.alertbridge.statushub.Delivered;

/**
 * What one invocation did, per alert and per linked service: returned to the caller and logged as one line.
 *
 * @param dryRun true when nothing was sent
 * @param mode {@code shadow} or {@code off} when the configuration stops writes, else absent
 * @param alerts one entry per alert in the event
 * @param unusable alerts of a grouped webhook that were skipped, each with what is wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvocationReport(boolean dryRun, String mode, List<AlertReport> alerts,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Adapted.Unusable> unusable) {

    public InvocationReport {
        alerts = List.copyOf(alerts);
        unusable = List.copyOf(unusable);
    }

    /**
     * @param source cloudwatch, uptrends, alertmanager, grafana
     * @param monitor the monitor's name
     * @param state open, clear, no-change or test (a sender's test notification: nothing read or written)
     * @param escalationLevel 1–3
     * @param note why no service was touched, when none was linked
     * @param services one outcome per linked service (a clear that ends two incidents there has two)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertReport(String source, String monitor, String state, int escalationLevel, String note,
            List<ServiceOutcome> services) {
    }

    /** What happened to one service. */
    public enum Result {
        CREATED,
        UPDATED,
        UNCHANGED,
        SKIPPED,
        FAILED;

        @JsonValue
        public String reportName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param service the service's configuration id
     * @param via management-api or integration-url
     * @param result created, updated, unchanged, skipped or failed
     * @param incidentId StatusHub's incident id (or the integration-URL id), when known
     * @param why the reason for unchanged, skipped and failed
     * @param request in dry-run and shadow mode, the request that would have been sent
     * @param retryable for failures: whether a retry of the event may succeed
     * @param wouldDo in shadow mode, the write that was decided and not sent ("would create an incident")
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceOutcome(String service, Delivered.Via via, Result result, String incidentId, String why,
            String request, @JsonIgnore boolean retryable, @JsonIgnore String wouldDo) {

        public static ServiceOutcome delivered(String service, Delivered delivered) {
            return new ServiceOutcome(service, delivered.via(), delivered.created() ? Result.CREATED : Result.UPDATED,
                    delivered.incidentId(), null, delivered.request(), false, null);
        }

        /** A write after the first on the service (a convergence correction), saying why. */
        public static ServiceOutcome updatedAgain(String service, Delivered delivered, String why) {
            return new ServiceOutcome(service, delivered.via(), Result.UPDATED, delivered.incidentId(), why, null,
                    false, null);
        }

        public static ServiceOutcome unchanged(String service, Delivered.Via via, String incidentId, String why) {
            return new ServiceOutcome(service, via, Result.UNCHANGED, incidentId, why, null, false, null);
        }

        public static ServiceOutcome skipped(String service, Delivered.Via via, String why, String request) {
            return new ServiceOutcome(service, via, Result.SKIPPED, null, why, request, false, null);
        }

        /** Shadow mode: the write decided and not sent ({@code wouldDo}), with its request. */
        public static ServiceOutcome shadowed(String service, Delivered.Via via, String wouldDo, String request) {
            return new ServiceOutcome(service, via, Result.SKIPPED, null, "shadow mode: " + wouldDo, request, false,
                    wouldDo);
        }

        public static ServiceOutcome failed(String service, Delivered.Via via, String why, boolean retryable) {
            return new ServiceOutcome(service, via, Result.FAILED, null, why, null, retryable, null);
        }

        public boolean failed() {
            return result == Result.FAILED;
        }
    }

    /**
     * The same report with a note on each alert (in order; null adds none): what was checked before deciding, e.g.
     * a late event's alarm state.
     */
    public InvocationReport withNotes(List<String> notes) {
        List<AlertReport> noted = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            AlertReport a = alerts.get(i);
            String note = i < notes.size() ? notes.get(i) : null;
            noted.add(note == null ? a
                    : new AlertReport(a.source(), a.monitor(), a.state(), a.escalationLevel(),
                            a.note() == null ? note : a.note() + "; " + note, a.services()));
        }
        return new InvocationReport(dryRun, mode, noted, unusable);
    }

    /** The same report with these alerts' reports after its own. */
    public InvocationReport with(List<AlertReport> more) {
        List<AlertReport> all = new ArrayList<>(alerts);
        all.addAll(more);
        return new InvocationReport(dryRun, mode, all, unusable);
    }

    public boolean failed() {
        return outcomes().anyMatch(ServiceOutcome::failed);
    }

    /**
     * Failed only where StatusHub refused a request for good (a 4xx other than 408 and 429): the same event is refused
     * the same way until a link or a service is fixed.
     */
    public boolean refused() {
        return failed() && !retryable();
    }

    /** A failure a retry may fix (StatusHub down, slow, rate limited): the sender should retry. */
    public boolean retryable() {
        return outcomes().anyMatch(o -> o.failed() && o.retryable());
    }

    /** The failures in one sentence, for an invocation error. */
    public String failureSummary() {
        return alerts.stream().flatMap(a -> a.services().stream().filter(ServiceOutcome::failed)
                .map(o -> a.monitor() + " → " + o.service() + ": " + o.why()))
                .collect(Collectors.joining("; "));
    }

    private Stream<ServiceOutcome> outcomes() {
        return alerts.stream().flatMap(a -> a.services().stream());
    }
}
