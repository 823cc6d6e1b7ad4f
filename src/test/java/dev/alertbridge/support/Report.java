package dev.alertbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An invocation's report as the caller reads it, whichever path it came by (an alarm invocation's output, a
 * webhook's response body): one way of asserting on reports.
 */
public record Report(JsonNode body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Report of(String json) {
        try {
            return new Report(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of the report's n-th alert, e.g. {@code "state"}. */
    public String alert(int alert, String field) {
        return body.path("alerts").path(alert).path(field).asText(null);
    }

    /** One field of each linked service's outcome for the report's n-th alert, e.g. {@code "result"}. */
    public List<String> services(int alert, String field) {
        List<String> values = new ArrayList<>();
        body.path("alerts").path(alert).path("services").forEach(s -> values.add(s.path(field).asText(null)));
        return values;
    }

    /** One field of every service outcome of every alert, in order. */
    public List<String> allServices(String field) {
        List<String> values = new ArrayList<>();
        body.path("alerts").forEach(a -> a.path("services").forEach(s -> values.add(s.path(field).asText(null))));
        return values;
    }
}
