package dev.alertbridge.config;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the bridge speaks on the public page ({@code "publish"}), part of a {@link PagePolicy}: for the whole
 * configuration, a service or a link, each field optional; the most specific wins field by field, each template by
 * its name ({@link #over}). What applies when none says is in {@link PagePolicy#DEFAULTS}.
 *
 * @param language the built-in texts' language
 * @param timeZone where {@code {since}} and {@code {at}} are told
 * @param dates how they are written
 * @param notification which writes notify the hub's subscribers ({@code "notify"})
 * @param templates the team's own words, by the name of the text they replace
 */
public record Publish(Language language, ZoneId timeZone, Dates dates, Notify notification,
        Map<Text, String> templates) {

    /** The placeholders a template may use (docs/configuration.md, publish), in its order. */
    public static final List<String> PLACEHOLDERS = List.of("service", "status", "alert", "source", "since", "at",
            "description", "others", "incident");

    /** Nothing said: the defaults. */
    public static final Publish NONE = new Publish(null, null, null, null, Map.of());

    public Publish {
        templates = templates == null || templates.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(templates));
    }

    /** Every text the bridge writes on the page, by the name a template replaces it with. */
    public enum Text {
        TITLE("title"),
        OPEN("open"),
        CLEAR("clear"),
        STILL_AFFECTED("stillAffected"),
        CORRECTED("corrected"),
        REOPEN("reopen"),
        JOINED("joined"),
        RECOVERED("recovered"),
        DUPLICATE("duplicate");

        private final String field;

        Text(String field) {
            this.field = field;
        }

        /** The template's field in a {@code publish} block. */
        public String field() {
            return field;
        }
    }

    /** The built-in languages. */
    public enum Language {
        EN,
        FR,
        NL,
        DE,
        ES,
        IT;

        /** A language, or one of its regions ({@code fr-CA}, {@code de-CH}, {@code es-419}) speaking it. */
        private static final Pattern TAG = Pattern.compile("([a-z]{2})(?:-([a-z]{2}|\\d{3}))?",
                Pattern.CASE_INSENSITIVE);
        private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The language a code speaks: its own, or its base language for a regional code. */
        static Optional<Language> of(String code) {
            Matcher tag = TAG.matcher(code);
            if (!tag.matches() || tag.group(2) != null && !tag.group(2).matches("\\d{3}")
                    && !REGIONS.contains(tag.group(2).toUpperCase(Locale.ROOT))) {
                return Optional.empty();
            }
            for (Language language : values()) {
                if (language.code().equalsIgnoreCase(tag.group(1))) {
                    return Optional.of(language);
                }
            }
            return Optional.empty();
        }
    }

    /** How a time is written: {@code 2019-10-02 17:04 UTC}, or the language's own long notation. */
    public enum Dates {
        ISO,
        LONG;

        static Optional<Dates> of(String name) {
            return DocumentFields.named(values(), name);
        }
    }

    /** Which writes notify subscribers: every one, only a create, or none (StatusHub's {@code silent} flag). */
    public enum Notify {
        ALL,
        OPEN,
        NONE;

        static Optional<Notify> of(String name) {
            return DocumentFields.named(values(), name);
        }
    }

    /** These fields and templates where set, {@code base}'s elsewhere. */
    public Publish over(Publish base) {
        Map<Text, String> merged = new EnumMap<>(Text.class);
        merged.putAll(base.templates);
        merged.putAll(templates);
        return new Publish(language != null ? language : base.language, timeZone != null ? timeZone : base.timeZone,
                dates != null ? dates : base.dates, notification != null ? notification : base.notification, merged);
    }

    /** The team's template of this text, if it wrote one. */
    public Optional<String> template(Text text) {
        return Optional.ofNullable(templates.get(text));
    }

    /** Whether a write must ask StatusHub not to notify: never under {@code all}; all but a create under {@code open}. */
    public boolean silent(boolean create) {
        return notification == Notify.NONE || notification == Notify.OPEN && !create;
    }
}
