package dev.alertbridge.handler;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One structured log line per invocation: the report, never a payload (payloads carry tokens). */
@ApplicationScoped
public class ReportLog {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.report");
    private final ObjectMapper json;

    public ReportLog(ObjectMapper json) {
        this.json = json;
    }

    public void outcome(String kind, int status, Object report) {
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

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reports are plain records", e);
        }
    }
}
