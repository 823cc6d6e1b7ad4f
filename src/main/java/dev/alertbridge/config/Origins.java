package dev.alertbridge.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which document set each setting, by its JSON path, as documents merge: a setting may be set by one document only
 * ({@code $.statushub.apiKey}, {@code $.holdDown}, a service id), and the error names both.
 */
final class Origins {
    private final Map<String, String> byPath = new LinkedHashMap<>();

    /** Records that {@code doc} sets {@code path}; a second document setting it fails, naming the first. */
    void setOnce(String doc, String path, String already) {
        String earlier = byPath.putIfAbsent(path, doc);
        if (earlier != null) {
            throw new ConfigValidationException(doc, path, already + earlier);
        }
    }

    /** Records that {@code doc} says something of {@code path}, unless an earlier document did (merged objects). */
    void saidBy(String doc, String path) {
        byPath.putIfAbsent(path, doc);
    }

    /** The document that set {@code path}, if one did. */
    Optional<String> of(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
