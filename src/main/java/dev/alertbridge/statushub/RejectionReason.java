package dev.alertbridge.statushub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.PrintableText;
import dev.alertbridge.config.Redaction;

/**
 * StatusHub's reason for refusing a request, from the answer's body, for a report a person reads: the texts of
 * {@code message}, {@code error}, {@code errors} (a string, a list, or field → messages) and {@code detail}, else the
 * body itself; one printable line, bounded, with URL queries and token-like words masked (the API key, a hook token
 * echoed back). StatusHub's error bodies are not documented beyond {@code {"error": "..."}}: read tolerantly.
 */
public final class RejectionReason {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 300;
    private static final List<String> FIELDS = List.of("message", "error", "errors", "detail", "details", "reason");

    private RejectionReason() {
    }

    public static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode root = JSON.readTree(body);
            List<String> texts = new ArrayList<>();
            if (root.isObject()) {
                FIELDS.forEach(field -> collect(root.path(field), field, texts));
            }
            text = !texts.isEmpty() ? String.join("; ", texts)
                    : root.isContainerNode() && root.isEmpty() ? "" : root.toString();
        } catch (IOException e) {
            // Not JSON: a proxy's HTML page says nothing a person can act on; plain text may.
            text = body.stripLeading().startsWith("<") ? "" : body;
        }
        return PrintableText.excerpt(Redaction.text(text.replaceAll("\\s+", " ").strip()), MAX);
    }

    /** Texts of a node: a string, every item of a list, {@code field: text} of an object's fields. */
    private static void collect(JsonNode node, String name, List<String> texts) {
        if (node.isTextual() && !node.asText().isBlank() && !texts.contains(node.asText())) {
            texts.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, name, texts));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                List<String> inner = new ArrayList<>();
                collect(field.getValue(), field.getKey(), inner);
                inner.forEach(text -> texts.add(field.getKey() + ": " + text));
            });
        } else if (node.isNumber() || node.isBoolean()) {
            texts.add(name + ": " + node.asText());
        }
    }
}
