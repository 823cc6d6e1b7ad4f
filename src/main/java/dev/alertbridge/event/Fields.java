package dev.alertbridge.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.PrintableText;

/**
 * Reads event fields by JSON path, failing with the path and what was expected. Free text (annotations,
 * descriptions) is bounded only by the design's bound on any string, {@link #MAX_STRING_BYTES}: what reaches the page
 * is shortened where it is written. Text is stripped of control characters. Identities (monitor names, keys) may be
 * any printable text ({@code CPU > 90% & rising}): markup is neutralised where text is written to StatusHub, not here.
 */
public final class Fields {
    /** Longest identity accepted: CloudWatch alarm names stop at 255, ARNs at about 400. */
    static final int MAX_IDENTITY = 1024;
    /**
     * Longest single string (in UTF-8) an event may hold anywhere, read or not: no real alert carries one this long.
     * Free text up to it is applied; a webhook body holding a longer one is refused whole (413).
     */
    public static final int MAX_STRING_BYTES = 64 * 1024;

    private Fields() {
    }

    /** A monitor name, ARN, GUID, key or fingerprint: required, bounded, printable. */
    static String identity(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        String value = text(parent, field, path);
        checkIdentity(node.asText(), path);
        return value;
    }

    static String checkIdentity(String value, String path) {
        if (value.length() > MAX_IDENTITY) {
            throw new BadEventException(path, "longer than " + MAX_IDENTITY + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadEventException(path, "contains control characters");
        }
        return value;
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
        String raw = node.asText();
        if (utf8Longer(raw, MAX_STRING_BYTES)) {
            throw new BadEventException(path, "longer than " + MAX_STRING_BYTES + " bytes");
        }
        String value = raw.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").trim();
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

    /**
     * The JSON path of the first string (value or field name) longer than {@code maxBytes} in UTF-8, if any: a
     * body holding one is refused whole rather than partly applied.
     */
    public static Optional<String> firstStringLongerThan(JsonNode root, int maxBytes) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("$", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual() && utf8Longer(node.textValue(), maxBytes)) {
                return Optional.of(path);
            }
            if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            }
            if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (utf8Longer(field.getKey(), maxBytes)) {
                        return Optional.of(path + " (a field name)");
                    }
                    fields.add(Map.entry(path + "." + field.getKey(), field.getValue()));
                }
                for (int i = fields.size() - 1; i >= 0; i--) {
                    pending.push(fields.get(i));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean utf8Longer(String text, int maxBytes) {
        return text.length() * 3 > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /** Where a JSON parse failed, for a message: "(line 3, column 7)", or the parser's reason for limits. */
    static String jsonProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        // Limit violations explain themselves and quote nothing from the input.
        String limit = reason.contains("exceeds the maximum") ? " (" + excerpt(reason) + ")" : "";
        return "is not valid JSON" + where + limit;
    }

    /** A short, printable excerpt of external text for an error message. */
    static String excerpt(String text) {
        return PrintableText.excerpt(text, 160);
    }
}
