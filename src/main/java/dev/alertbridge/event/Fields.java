package dev.alertbridge.event;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads event fields by JSON path, failing with the path and what was expected. */
final class Fields {
    private Fields() {
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new BadEventException(path, node == null || node.isNull() ? "missing object" : "must be an object");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String path) {
        return optionalText(parent, field, path)
                .orElseThrow(() -> new BadEventException(path, "missing or empty string"));
    }

    static Optional<String> optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new BadEventException(path, "must be a string");
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static Instant time(JsonNode parent, String field, String path) {
        return Timestamps.parse(text(parent, field, path), path);
    }

    /** Escalation level from text or number; {@code fallback} when absent. */
    static int escalationLevel(JsonNode node, String path, int fallback) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return fallback;
        }
        String text = node.isNumber() || node.isTextual() ? node.asText().trim() : "";
        if (!text.matches("[123]")) {
            throw new BadEventException(path, "escalation level must be 1, 2 or 3");
        }
        return Integer.parseInt(text);
    }

    /** A short, printable excerpt of external text for an error message. */
    static String excerpt(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
    }
}
