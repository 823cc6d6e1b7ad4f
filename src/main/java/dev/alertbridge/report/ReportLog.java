package dev.alertbridge.report;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
     * @param kind {@code alarm}, or {@code webhook <path>}
     * @param status the HTTP status the caller gets (for alarms: 200, or 500 when the invocation fails)
     * @param report the invocation's report, or a map with its {@code error}
     */
    public void outcome(String kind, int status, Object report) {
        metrics.publish(source(kind, report), outcome(status, report),
                report instanceof InvocationReport invocation ? invocation : null);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("invocation", kind);
        line.put("status", status);
        line.put("report", report);
        String text = write(line);
        if (status >= 400) {
            LOG.warn(text);
        } else {
            LOG.info(text);
        }
    }

    /** Where the event came from: its alerts' source, else the webhook path, else CloudWatch for the alarm path. */
    private static String source(String kind, Object report) {
        if (report instanceof InvocationReport invocation && !invocation.alerts().isEmpty()) {
            return invocation.alerts().get(0).source();
        }
        if (kind.startsWith("webhook /")) {
            String path = kind.substring("webhook /".length()).replaceAll("[^a-z]", "");
            return path.matches("uptrends|alertmanager|grafana") ? path : "unknown";
        }
        return kind.equals("alarm") ? "cloudwatch" : "unknown";
    }

    /** How the invocation ended: applied, rejected (bad input), unauthorized or failed. */
    private static String outcome(int status, Object report) {
        if (status == 401) {
            return "unauthorized";
        }
        boolean badEvent = report instanceof Map<?, ?> error
                && String.valueOf(error.get("error")).startsWith("bad event");
        if ((status >= 400 && status < 500) || badEvent) {
            return "rejected";
        }
        return status >= 500 ? "failed" : "applied";
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reports are plain records", e);
        }
    }
}
