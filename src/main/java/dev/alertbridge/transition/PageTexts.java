package dev.alertbridge.transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.Publish;

/**
 * The words the bridge writes on the public page: the team's templates ({@code publish}) where set, else the
 * built-in texts of the configured language ({@link PageLanguage}). Every update body ends with the reference line
 * and nothing else of the bridge's own; each placeholder's value is neutralised as it is placed ({@link PublicText}),
 * lengths are capped after substitution, and an empty placeholder leaves no dangling punctuation.
 */
public final class PageTexts {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The team's placeholders, and the duplicate note's own {@code {kept}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(" + String.join("|", Publish.PLACEHOLDERS)
            + "|kept)}");
    /** Stands for a placeholder whose value is empty until its surroundings are tidied. */
    private static final String EMPTY = "\u0000";

    /** The title of a new incident (only a create carries one: a person's retitle stands). */
    public String title(Alert alert, LinkedService service, ServiceStatus severity, Instant since) {
        Publish publish = service.publish();
        String template = publish.title() != null ? publish.title() : language(service).title();
        return PublicText.title(render(template, facts(service, severity, alert.source(), alert, since, null)));
    }

    /** The opening update, and a flap's continuation (the {@code open} template). */
    public String opening(Alert alert, LinkedService service, ServiceStatus severity, Instant since, IncidentRef ref) {
        Publish publish = service.publish();
        PageLanguage words = language(service);
        String template = publish.open() != null ? publish.open()
                : severity == ServiceStatus.DEGRADED_PERFORMANCE ? words.openDegraded() : words.openDown();
        return body(template, facts(service, severity, alert.source(), alert, since, null), ref);
    }

    /** The clear; {@code stillHeld} when other open incidents keep the service affected. */
    public String clearing(Alert alert, LinkedService service, Instant since, Instant at,
            Optional<ServiceStatus> stillHeld, IncidentRef ref) {
        PageLanguage words = language(service);
        String builtIn = stillHeld.isPresent() ? words.clearStillAffected() : words.clearUp();
        return body(clearTemplate(service, builtIn), facts(service, stillHeld.orElse(ref.severity()), alert.source(),
                alert, since, at), ref);
    }

    /** A convergence correction: the status the open incidents justify, posted again on the bridge's incident. */
    public String correction(LinkedService service, ServiceStatus justified, Instant since, Instant at,
            IncidentRef ref) {
        PageLanguage words = language(service);
        String builtIn = justified == ServiceStatus.UP ? words.correctedUp() : words.stillAffected();
        return body(clearTemplate(service, builtIn), facts(service, justified, ref.source(), null, since, at), ref);
    }

    /** The clear of a deleted alarm's incident (the reconciliation): nothing will report this problem any more. */
    public String alarmDeleted(LinkedService service, ServiceStatus status, Instant since, Instant at,
            IncidentRef ref) {
        PageLanguage words = language(service);
        String builtIn = words.alarmRemoved() + " "
                + (status == ServiceStatus.UP ? words.clearUp() : words.stillAffected());
        return body(clearTemplate(service, builtIn), facts(service, status, ref.source(), null, since, at), ref);
    }

    /** The copy another environment opened at the same moment, resolved: where the updates continue. */
    public String duplicate(LinkedService service, String kept, IncidentRef ref) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("kept", kept);
        return body(language(service).duplicate(), facts, ref);
    }

    private static String clearTemplate(LinkedService service, String builtIn) {
        return service.publish().clear() != null ? service.publish().clear() : builtIn;
    }

    private static PageLanguage language(LinkedService service) {
        return PageLanguage.of(service.publish().languageOrDefault());
    }

    /** What the placeholders stand for (../README "Configuration", publish). */
    private static Map<String, String> facts(LinkedService service, ServiceStatus status, AlertSource source,
            Alert alert, Instant since, Instant at) {
        PageLanguage words = language(service);
        String name = service.service().name();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("service", name == null || name.isBlank() ? words.someService() : name);
        facts.put("status", words.status(status));
        facts.put("alert", alert == null ? "" : PublicText.title(alert.title()));
        facts.put("source", words.source(source));
        facts.put("since", since == null ? "" : READABLE.format(since));
        facts.put("at", at == null ? "" : READABLE.format(at));
        // Cut before it is placed: the update keeps MAX_DETAIL at most, and tidying 64 KiB would be wasted.
        facts.put("description", alert == null ? ""
                : PublicText.shorten(alert.description().strip(),
                        PublicText.MAX_DETAIL));
        return facts;
    }

    private static String body(String template, Map<String, String> facts, IncidentRef ref) {
        return PublicText.detail(render(template, facts)) + "\n\n" + ref.line();
    }

    /** The template with its placeholders filled in; an empty one takes its separator with it. */
    static String render(String template, Map<String, String> facts) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(out, "");
            String value = PublicText.value(facts.getOrDefault(placeholder.group(1), ""));
            out.append(value.isEmpty() ? EMPTY
                    : PublicText.between(out, value, template.subSequence(placeholder.end(), template.length())));
        }
        placeholder.appendTail(out);
        return tidy(out.toString());
    }

    /**
     * Removes what an empty value leaves: the separator after it ({@code "{alert}: "}) or else before it
     * ({@code " – {alert}"}), brackets left empty, doubled blanks.
     */
    private static String tidy(String text) {
        if (!text.contains(EMPTY)) {
            return text;
        }
        String tidied = text.replaceAll(EMPTY + "[ \\t]*[:;,–—-][ \\t]*", "")
                .replaceAll("[ \\t]*[:;,–—-][ \\t]*" + EMPTY, "")
                .replace(EMPTY, "")
                .replaceAll("\\([ \\t]*\\)|\\[[ \\t]*]", "")
                .replaceAll("[ \\t]+([.,])(?=\\s|$)", "$1")
                .replaceAll("[ \\t]{2,}", " ");
        return tidied.strip();
    }
}
