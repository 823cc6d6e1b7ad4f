package dev.alertbridge.handler;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one invocation did, per alert and per linked service: returned to the caller and logged as one line.
 *
 * @param dryRun true when nothing was sent
 * @param alerts one entry per alert in the event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvocationReport(boolean dryRun, List<AlertReport> alerts) {

    /**
     * @param source cloudwatch, uptrends, alertmanager, grafana
     * @param monitor the monitor's name
     * @param state open, clear or no-change
     * @param escalationLevel 1–3
     * @param note why no service was touched, when none was linked
     * @param services one outcome per linked service
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertReport(String source, String monitor, String state, int escalationLevel, String note,
            List<ServiceOutcome> services) {
    }

    /**
     * @param service the service's configuration id
     * @param via management-api or integration-url
     * @param result created, updated, unchanged, skipped or failed
     * @param incidentId StatusHub's incident id (or the integration-URL id), when known
     * @param why the reason for unchanged, skipped and failed
     * @param request in dry-run, the request that would have been sent
     * @param retryable for failures: whether a retry of the event may succeed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceOutcome(String service, String via, String result, String incidentId, String why,
            String request, @JsonIgnore boolean retryable) {

        public boolean failed() {
            return result.equals("failed");
        }
    }

    public boolean failed() {
        return outcomes().anyMatch(ServiceOutcome::failed);
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

    private java.util.stream.Stream<ServiceOutcome> outcomes() {
        return alerts.stream().flatMap(a -> a.services().stream());
    }
}
