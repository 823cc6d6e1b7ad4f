package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.rejectUnknown;
import static dev.alertbridge.config.DocumentFields.requireObject;
import static dev.alertbridge.config.DocumentFields.text;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code "publish"} block, wherever it is: every field checked, every error naming its path. */
final class PublishParser {
    private static final Set<String> FIELDS = Set.of("language", "title", "open", "clear", "notify");
    private static final String KNOWN = Publish.PLACEHOLDERS.stream().map(p -> "{" + p + "}")
            .collect(Collectors.joining(", "));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private PublishParser() {
    }

    /** The block at {@code path}, or {@link Publish#NONE} when there is none. */
    static Publish parse(String doc, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return Publish.NONE;
        }
        requireObject(doc, path, node);
        rejectUnknown(doc, path, node, FIELDS);
        Publish.Language language = null;
        if (node.hasNonNull("language")) {
            language = Publish.Language.of(text(doc, path + ".language", node.get("language")))
                    .orElseThrow(() -> new ConfigValidationException(doc, path + ".language",
                            "must be one of en, fr, nl, de, es"));
        }
        Publish.Notify notify = null;
        if (node.hasNonNull("notify")) {
            notify = Publish.Notify.of(text(doc, path + ".notify", node.get("notify")))
                    .orElseThrow(() -> new ConfigValidationException(doc, path + ".notify",
                            "must be all, open or none"));
        }
        return new Publish(language, template(doc, path + ".title", node.get("title")),
                template(doc, path + ".open", node.get("open")), template(doc, path + ".clear", node.get("clear")),
                notify);
    }

    private static String template(String doc, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String template = text(doc, path, node);
        if (template.isBlank()) {
            throw new ConfigValidationException(doc, path, "is empty: leave it out for the built-in text");
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!Publish.PLACEHOLDERS.contains(placeholder.group(1))) {
                throw new ConfigValidationException(doc, path, "has an unknown placeholder {"
                        + DocumentFields.printable(placeholder.group(1)) + "} (known: " + KNOWN + ")");
            }
        }
        return template;
    }
}
