package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.choice;
import static dev.alertbridge.config.DocumentFields.rejectUnknown;
import static dev.alertbridge.config.DocumentFields.requireObject;
import static dev.alertbridge.config.DocumentFields.text;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code "publish"} block, wherever it is: every field checked, every error naming its path. */
final class PublishParser {
    private static final Set<String> FIELDS = fields();
    private static final String KNOWN = Publish.PLACEHOLDERS.stream().map(p -> "{" + p + "}")
            .collect(Collectors.joining(", "));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** IANA zones only: {@code Europe/Paris}, {@code UTC}; not {@code +02:00} nor {@code CEST}. */
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private PublishParser() {
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(Set.of("language", "timeZone", "dates", "notify"));
        for (Publish.Text text : Publish.Text.values()) {
            fields.add(text.field());
        }
        return Set.copyOf(fields);
    }

    /** The block at {@code path}, or {@link Publish#NONE} when there is none. */
    static Publish parse(String doc, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return Publish.NONE;
        }
        requireObject(doc, path, node);
        rejectUnknown(doc, path, node, FIELDS);
        Publish.Language language = choice(doc, path + ".language", node.get("language"), Publish.Language::of,
                "must be one of en, fr, nl, de, es, it, or one of them with a region (fr-CA, de-CH, es-MX)");
        ZoneId timeZone = choice(doc, path + ".timeZone", node.get("timeZone"),
                zone -> ZONES.contains(zone) ? Optional.of(ZoneId.of(zone)) : Optional.empty(),
                "must be an IANA time zone, such as UTC or Europe/Paris");
        Publish.Dates dates = choice(doc, path + ".dates", node.get("dates"), Publish.Dates::of,
                "must be iso or long");
        Publish.Notify notify = choice(doc, path + ".notify", node.get("notify"), Publish.Notify::of,
                "must be all, open or none");
        Map<Publish.Text, String> templates = new EnumMap<>(Publish.Text.class);
        for (Publish.Text text : Publish.Text.values()) {
            String template = template(doc, path + "." + text.field(), node.get(text.field()));
            if (template != null) {
                templates.put(text, template);
            }
        }
        return new Publish(language, timeZone, dates, notify, templates);
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
