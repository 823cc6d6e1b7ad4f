package dev.alertbridge.report;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One structured log line per invocation: the report, never a payload (payloads carry tokens); and its metrics
 * line.
 */
@ApplicationScoped
public class ReportLog {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.report");
    private final ObjectMapper json;
    private final MetricsLine metrics;

    public ReportLog(ObjectMapper json, MetricsLine metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * @param kind what the invocation was
     * @param status the HTTP status the caller gets (for alarms: 200, or 500 when the invocation fails)
     * @param report the invocation's report, or a map with its {@code error}
     */
    public void outcome(InvocationKind kind, int status, Object report) {
        outcome(kind, status, Ending.of(status), report);
    }

    /** The same, when the ending is not the status's (a bad event fails the alarm path with 500, yet is rejected). */
    public void outcome(InvocationKind kind, int status, Ending ending, Object report) {
        // The metrics line goes to standard output, where Lambda's log agent reads embedded metrics.
        System.out.println(metricsLine(kind, ending, report, true));
        String text = reportLine(kind, status, report);
        if (status >= 400) {
            LOG.warn(text);
        } else {
            LOG.info(text);
        }
    }

    /**
     * The lines {@link #outcome} writes, made and dropped (SnapStart's dress rehearsal: an event that never
     * happened is neither logged nor counted); the counts stay for the next metrics line.
     */
    public void render(InvocationKind kind, int status, Object report) {
        metricsLine(kind, Ending.of(status), report, false);
        reportLine(kind, status, report);
    }

    private String metricsLine(InvocationKind kind, Ending ending, Object report, boolean takeCounts) {
        InvocationReport invocation = report instanceof InvocationReport r ? r
                : report instanceof Counted counted ? counted.counted() : null;
        // The alerts' own source when the report has alerts (an alarm-shaped event can carry any source).
        String source = invocation != null && !invocation.alerts().isEmpty() ? invocation.alerts().get(0).source()
                : kind.source();
        return write(takeCounts ? metrics.line(source, ending.metricName(), invocation)
                : metrics.preview(source, ending.metricName(), invocation));
    }

    private String reportLine(InvocationKind kind, int status, Object report) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("invocation", kind.label());
        line.put("status", status);
        line.put("report", report);
        return write(line);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reports and metric lines are plain records and maps", e);
        }
    }

    /** A report with fields put before its own (an {@code error} heading a refused webhook's answer). */
    public String write(Map<String, Object> first, Object value) {
        ObjectNode node = json.createObjectNode();
        first.forEach((name, field) -> node.set(name, json.valueToTree(field)));
        node.setAll((ObjectNode) json.valueToTree(value));
        return write(node);
    }
}
