package dev.alertbridge.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the bridge speaks on the public page ({@code "publish"}): for the whole configuration, a service or a link,
 * each field optional; the most specific wins field by field ({@link #over}).
 *
 * @param language the built-in texts' language ({@code en} when none says)
 * @param title template of the incident's title
 * @param open template of the opening update's text (and a flap's continuation)
 * @param clear template of the clearing update's text (and of every other text the bridge writes)
 * @param notification which writes notify the hub's subscribers ({@code "notify"}; {@code all} when none says)
 */
public record Publish(Language language, String title, String open, String clear, Notify notification) {

    /** The placeholders a template may use (../README "Configuration", publish), in the README's order. */
    public static final List<String> PLACEHOLDERS = List.of("service", "status", "alert", "source", "since", "at",
            "description");

    /** Nothing said: the defaults. */
    public static final Publish NONE = new Publish(null, null, null, null, null);

    /** The built-in languages. */
    public enum Language {
        EN,
        FR,
        NL,
        DE,
        ES;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Language> of(String code) {
            for (Language language : values()) {
                if (language.code().equals(code)) {
                    return Optional.of(language);
                }
            }
            return Optional.empty();
        }
    }

    /** Which writes notify subscribers: every one, only a create, or none (StatusHub's {@code silent} flag). */
    public enum Notify {
        ALL,
        OPEN,
        NONE;

        static Optional<Notify> of(String name) {
            for (Notify notify : values()) {
                if (notify.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(notify);
                }
            }
            return Optional.empty();
        }
    }

    /** These fields where set, {@code base}'s elsewhere. */
    public Publish over(Publish base) {
        return new Publish(language != null ? language : base.language, title != null ? title : base.title,
                open != null ? open : base.open, clear != null ? clear : base.clear,
                notification != null ? notification : base.notification);
    }

    public Language languageOrDefault() {
        return language == null ? Language.EN : language;
    }

    /** Whether a write must ask StatusHub not to notify: never under {@code all}; all but a create under {@code open}. */
    public boolean silent(boolean create) {
        Notify policy = notification == null ? Notify.ALL : notification;
        return policy == Notify.NONE || policy == Notify.OPEN && !create;
    }
}
