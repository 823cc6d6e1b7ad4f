package dev.alertbridge.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.metrics.Counters;
import dev.alertbridge.report.InvocationReport.Result;

/**
 * One CloudWatch Embedded Metric Format line per invocation, on standard output (Lambda sends it to CloudWatch
 * Logs, which turns it into metrics: no API call, no extra latency). It must be the whole log event, so it is
 * printed as it is, not through the JSON log formatter.
 *
 * <p>
 * Metrics, namespace {@code StatusHubAlertBridge}: {@code Events} by {@code Stack}, {@code Source} and
 * {@code Outcome}; and by {@code Stack}: {@code TransitionsCreated}, {@code TransitionsUpdated},
 * {@code TransitionsUnchanged}, {@code TransitionsSkipped}, {@code TransitionsFailed}, {@code StatusHubFailures},
 * {@code StatusHubRateLimited}, {@code StatusHubRejections}, {@code ConfigReloads}, {@code ConfigReloadFailures},
 * {@code PacingWaits}, {@code PacingWaitMilliseconds}, {@code ReconcileFindings}, {@code CloudWatchReadsDenied},
 * {@code Heartbeats}. tools/metric-names.txt lists them for the template's dashboard, which the template check holds
 * to that list and a test holds the list to this line.
 */
@ApplicationScoped
public class MetricsLine {
    static final String NAMESPACE = "StatusHubAlertBridge";

    private final BridgeSettings settings;
    private final Clock clock;

    public MetricsLine(BridgeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The invocation's metrics line (CloudWatch's embedded metric format): where the event came from, how it ended,
     * and what the parts counted since the last line.
     */
    Map<String, Object> line(String source, String outcome, InvocationReport report) {
        return line(source, outcome, report, Counters.takeAll());
    }

    /** The same line with the counts left for the next one (a line made and dropped). */
    Map<String, Object> preview(String source, String outcome, InvocationReport report) {
        return line(source, outcome, report, Counters.peekAll());
    }

    private Map<String, Object> line(String source, String outcome, InvocationReport report,
            Map<Counters.Count, Long> counts) {
        Map<String, Object> line = new LinkedHashMap<>();
        List<Map<String, Object>> totals = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Result result : Result.values()) {
            String name = "Transitions" + result.reportName().substring(0, 1).toUpperCase(Locale.ROOT)
                    + result.reportName().substring(1);
            values.put(name, report == null ? 0
                    : report.alerts().stream().flatMap(a -> a.services().stream())
                            .filter(o -> o.result() == result).count());
            totals.add(metric(name, "Count"));
        }
        counts.forEach((count, value) -> {
            values.put(count.metricName(), value);
            totals.add(metric(count.metricName(),
                    count == Counters.Count.PACING_WAIT_MILLIS ? "Milliseconds" : "Count"));
        });
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(
                Map.of("Namespace", NAMESPACE, "Dimensions", List.of(List.of("Stack", "Source", "Outcome")),
                        "Metrics", List.of(metric("Events", "Count"))),
                Map.of("Namespace", NAMESPACE, "Dimensions", List.of(List.of("Stack")), "Metrics", totals))));
        line.put("Stack", settings.metricsStack());
        line.put("Source", source);
        line.put("Outcome", outcome);
        line.put("Events", 1);
        line.putAll(values);
        return line;
    }

    private static Map<String, Object> metric(String name, String unit) {
        return Map.of("Name", name, "Unit", unit);
    }
}
