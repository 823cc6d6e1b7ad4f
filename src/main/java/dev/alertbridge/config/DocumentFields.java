package dev.alertbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.PrintableText;

/**
 * Reads one field of a configuration document, failing with the parameter, the JSON path and what was expected,
 * and never quoting a value (values may be secrets).
 */
final class DocumentFields {
    private DocumentFields() {
    }

    static void requireObject(String doc, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ConfigValidationException(doc, path, "must be a JSON object");
        }
    }

    static void rejectUnknown(String doc, String path, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw unknownField(doc, path, name, known);
            }
        }
    }

    /** The error for a field the object at {@code path} does not take, naming those it does. */
    static ConfigValidationException unknownField(String doc, String path, String name, Set<String> known) {
        return new ConfigValidationException(doc, path + "." + printable(name),
                "unknown field (expected one of " + String.join(", ", new TreeSet<>(known)) + ")");
    }

    static String text(String doc, String path, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new ConfigValidationException(doc, path, "must be a string");
        }
        return node.asText();
    }

    /** The constant a configuration word names: its name in lower case, to the letter ({@code iso}, {@code skip}). */
    static <E extends Enum<E>> Optional<E> named(E[] values, String word) {
        return Arrays.stream(values).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(word)).findFirst();
    }

    /** One of a field's allowed values ({@code allowed} says which), null when the field is not there. */
    static <T> T choice(String doc, String path, JsonNode node, Function<String, Optional<T>> of, String allowed) {
        if (node == null || node.isNull()) {
            return null;
        }
        return of.apply(text(doc, path, node)).orElseThrow(() -> new ConfigValidationException(doc, path, allowed));
    }

    /** A duration as the configuration writes it: a whole number and a unit, {@code s}, {@code m} or {@code h}. */
    static Duration duration(String doc, String path, JsonNode node) {
        String text = text(doc, path, node).strip();
        Matcher duration = Pattern.compile("(\\d{1,6})([smh])").matcher(text);
        if (!duration.matches()) {
            throw new ConfigValidationException(doc, path, "must be a whole number and a unit: 90s, 2m, 1h");
        }
        long amount = Long.parseLong(duration.group(1));
        return switch (duration.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static String nonBlank(String doc, String path, JsonNode node) {
        String value = text(doc, path, node);
        if (value.isBlank()) {
            throw new ConfigValidationException(doc, path, "must not be blank");
        }
        return value;
    }

    static URI url(String doc, String path, JsonNode node) {
        return parseUrl(doc, path, text(doc, path, node));
    }

    /**
     * An absolute {@code https://} URL: StatusHub URLs carry the API key's requests and integration tokens, which must
     * not cross the network in clear. Plain {@code http://} only to this machine (local runs against a stand-in).
     */
    static URI parseUrl(String doc, String path, String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            // reported without echoing the value: it may carry a token
            throw new ConfigValidationException(doc, path, "must be an absolute https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigValidationException(doc, path, "must be an absolute https:// URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigValidationException(doc, path, "must use https:// (plain http:// only to localhost, "
                    + "for local runs)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigValidationException(doc, path, "must not carry user:password@ (credentials go in "
                    + "apiKey or the integration URL's token)");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** Ids and field names are not secrets, but keep hostile ones from breaking a log line. */
    static String printable(String text) {
        return PrintableText.excerpt(text, 80);
    }
}
