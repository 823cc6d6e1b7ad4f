package dev.alertbridge.transition;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.Publish;
import dev.alertbridge.config.Publish.Text;
import dev.alertbridge.transition.PageLanguage.Sentence;
import dev.alertbridge.transition.ServiceView.Held;

/**
 * The words the bridge writes on the public page. Every text has a name ({@link Text}); the team's template of that
 * name replaces the built-in sentence of the configured language ({@link PageLanguage}). No text states what its
 * own update contradicts: the team's {@code clear} is written only where the service comes up; where another
 * incident keeps it affected, {@code stillAffected} says so and names that incident. {@code {status}} is what the
 * update sets. Every update body ends with the reference line and nothing else of the bridge's own; each
 * placeholder's value is neutralised as it is placed ({@link PublicText}), lengths are capped after substitution,
 * and an empty placeholder leaves no dangling punctuation.
 */
public final class PageTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(" + String.join("|", Publish.PLACEHOLDERS)
            + ")}");
    /** Stands for a placeholder whose value is empty until its surroundings are tidied. */
    private static final String EMPTY = "\u0000";
    /** Stands for an empty time: the words that introduce it ({@code since}, {@code depuis le}) go with it. */
    private static final String NO_TIME = "\u0001";
    private static final String BLANK = "[ \\t\\u00A0\\u202F]";
    private static final Pattern TIME_WORDS = Pattern.compile("(?i)(?<!\\p{L})(?:(?:depuis le|depuis|dès le|"
            + "le|à|since|as of|from|at|on|sinds|vanaf|op|om|seit|ab|am|um|desde el|desde|el|a las|dal|il|alle)"
            + BLANK + "+|dall'|l')" + NO_TIME);

    /** The title of a new incident (only a create carries one: a person's retitle stands). */
    public String title(Alert alert, LinkedService service, ServiceStatus status, Instant since) {
        Facts facts = new Facts(service, status, alert.source()).about(alert).since(since);
        return PublicText.title(facts.render(Text.TITLE, Sentence.TITLE));
    }

    /**
     * The opening update.
     *
     * @param severity the status the alert gives the service (what the sentence describes)
     * @param status the status the update sets (worse when another incident holds the service)
     */
    public String opening(Alert alert, LinkedService service, ServiceStatus severity, ServiceStatus status,
            Instant since, IncidentRef ref) {
        Facts facts = new Facts(service, status, alert.source()).about(alert).since(since);
        return body(facts.render(Text.OPEN, opening(severity)), ref, service);
    }

    /** A flap's continuation: the issue has returned ({@code reopen}, else the team's {@code open}). */
    public String reopening(Alert alert, LinkedService service, ServiceStatus severity, ServiceStatus status,
            Instant since, IncidentRef ref) {
        Facts facts = new Facts(service, status, alert.source()).about(alert).since(since);
        Text text = service.policy().publish().template(Text.REOPEN).isEmpty()
                && service.policy().publish().template(Text.OPEN).isPresent() ? Text.OPEN : Text.REOPEN;
        return body(facts.render(text, severity == ServiceStatus.DEGRADED_PERFORMANCE ? Sentence.REOPEN_DEGRADED
                : Sentence.REOPEN_DOWN), ref, service);
    }

    /** The clear; {@code holding} is another open incident that keeps the service affected, if any. */
    public String clearing(Alert alert, LinkedService service, Instant since, Instant at, Optional<Held> holding,
            IncidentRef ref) {
        Facts facts = new Facts(service, holding.map(Held::status).orElse(ServiceStatus.UP), alert.source())
                .about(alert).since(since).at(at).holding(holding);
        return body(holding.isPresent() ? facts.render(Text.STILL_AFFECTED, Sentence.CLEAR_STILL_AFFECTED)
                : facts.render(Text.CLEAR, Sentence.CLEAR), ref, service);
    }

    /**
     * A convergence correction: the status the open incidents justify, posted again on the bridge's incident. Up
     * says so ({@code corrected}); held by another incident says which ({@code stillAffected}); held by the
     * incident itself restates its opening.
     */
    public String correction(LinkedService service, ServiceStatus justified, Optional<Held> holding, Instant since,
            Instant at, IncidentRef ref) {
        Facts facts = new Facts(service, justified, ref.source()).since(since).at(at).holding(holding);
        if (justified == ServiceStatus.UP) {
            return body(facts.render(Text.CORRECTED, Sentence.CORRECTED), ref, service);
        }
        return body(holding.isPresent() ? facts.render(Text.STILL_AFFECTED, Sentence.STILL_AFFECTED)
                : facts.render(Text.OPEN, opening(justified)), ref, service);
    }

    /**
     * The clear of a deleted alarm's incident (the reconciliation). It says no time: the run's is not when anything
     * happened ({@code {at}} is empty, and the words around it go).
     */
    public String alarmDeleted(LinkedService service, Optional<Held> holding, Instant since, IncidentRef ref) {
        Facts facts = new Facts(service, holding.map(Held::status).orElse(ServiceStatus.UP), ref.source())
                .since(since).holding(holding);
        return body(holding.isPresent() ? facts.render(Text.STILL_AFFECTED, Sentence.STILL_AFFECTED)
                : facts.render(Text.CLEAR, Sentence.ALARM_DELETED), ref, service);
    }

    /** The copy another environment opened at the same moment, resolved: where the updates continue. */
    public String duplicate(LinkedService service, ServiceStatus status, IncidentRef ref) {
        return body(new Facts(service, status, ref.source()).render(Text.DUPLICATE, Sentence.DUPLICATE), ref,
                service);
    }

    /** A shared incident's title: its services listed in the language, the worst status among them. */
    public String sharedTitle(LinkedService primary, List<String> names, ServiceStatus worst) {
        return PublicText.title(new Facts(primary, worst, null).services(names).render(Text.TITLE, Sentence.TITLE));
    }

    /** A shared incident's opening, or a flap's continuation of it: {@code names} are the services it takes. */
    public String sharedOpening(Alert alert, LinkedService primary, List<String> names, ServiceStatus severity,
            ServiceStatus status, Instant since, List<IncidentRef> members) {
        Facts facts = new Facts(primary, status, alert.source()).about(alert).since(since).services(names);
        return body(facts.render(Text.OPEN, opening(severity)), members, primary);
    }

    /**
     * A member joining a shared incident: {@code names} are the services it adds or worsens; the short form, posted
     * silent, when nothing changes on the page.
     */
    public String sharedJoined(Alert alert, LinkedService primary, List<String> names, ServiceStatus status,
            Instant since, boolean changesPage, List<IncidentRef> members) {
        Facts facts = new Facts(primary, status, alert.source()).about(alert).since(since).services(names);
        return body(facts.render(Text.JOINED, changesPage ? Sentence.JOINED : Sentence.JOINED_QUIETLY), members,
                primary);
    }

    /** A member's clear inside a shared incident: {@code recovered} go up, {@code others} stay affected. */
    public String sharedRecovered(Alert alert, LinkedService primary, List<String> recovered, List<String> others,
            Instant since, Instant at, List<IncidentRef> members) {
        Facts facts = new Facts(primary, ServiceStatus.UP, alert.source()).about(alert).since(since).at(at)
                .services(recovered);
        facts.values.put("others", facts.words.list(others));
        return body(facts.render(Text.RECOVERED, Sentence.RECOVERED), members, primary);
    }

    /**
     * The last member's clear: the shared incident goes to Monitoring; {@code stillAffected} are its services other
     * incidents keep affected ({@code holding}: the one that holds them, named so readers can follow it).
     */
    public String sharedCleared(Alert alert, LinkedService primary, List<String> names, List<String> stillAffected,
            Optional<Held> holding, Instant since, Instant at, List<IncidentRef> members) {
        Facts facts = new Facts(primary, holding.map(Held::status).orElse(ServiceStatus.UP), alert.source())
                .about(alert).since(since).at(at).holding(holding)
                .services(stillAffected.isEmpty() ? names : stillAffected);
        return body(stillAffected.isEmpty() ? facts.render(Text.CLEAR, Sentence.CLEAR)
                : facts.render(Text.STILL_AFFECTED, Sentence.CLEAR_STILL_AFFECTED), members, primary);
    }

    /**
     * Deleted alarms released from a shared incident (the reconciliation): {@code up} recovered, {@code affected}
     * still held (by its other members, or by {@code holding}); no time, as for an incident of one alarm.
     */
    public String sharedAlarmDeleted(LinkedService primary, List<String> up, List<String> affected,
            Optional<Held> holding, boolean last, List<IncidentRef> members) {
        if (affected.isEmpty()) {
            Facts facts = new Facts(primary, ServiceStatus.UP, members.get(0).source()).services(up);
            return body(facts.render(Text.CLEAR, Sentence.ALARM_DELETED), members, primary);
        }
        if (last && holding.isPresent()) {
            Facts facts = new Facts(primary, holding.get().status(), members.get(0).source()).holding(holding)
                    .services(affected);
            return body(facts.render(Text.STILL_AFFECTED, Sentence.STILL_AFFECTED), members, primary);
        }
        Facts facts = new Facts(primary, ServiceStatus.UP, members.get(0).source()).services(up);
        facts.values.put("others", facts.words.list(affected));
        facts.values.put("at", NO_TIME);
        return body(up.isEmpty() ? facts.render(Text.JOINED, Sentence.JOINED_QUIETLY)
                : facts.render(Text.RECOVERED, Sentence.RECOVERED), members, primary);
    }

    /** A correction of a shared incident that brings {@code names} up (no open incident affects them). */
    public String sharedCorrected(LinkedService primary, List<String> names, List<IncidentRef> members) {
        Facts facts = new Facts(primary, ServiceStatus.UP, null).services(names);
        return body(facts.render(Text.CORRECTED, Sentence.CORRECTED), members, primary);
    }

    private static Sentence opening(ServiceStatus severity) {
        return severity == ServiceStatus.DEGRADED_PERFORMANCE ? Sentence.OPEN_DEGRADED : Sentence.OPEN_DOWN;
    }

    /** The text, then a shared incident's reference line naming the members this update touches. */
    private static String body(String text, List<IncidentRef> members, LinkedService service) {
        return PublicText.detail(text) + "\n\n"
                + IncidentRef.line(service.policy().publish().language().code(), members);
    }

    /** The text, then the reference line, its label in the page's language. */
    private static String body(String text, IncidentRef ref, LinkedService service) {
        return body(text, List.of(ref), service);
    }

    /** What the placeholders stand for on one update (docs/configuration.md, publish). */
    private static final class Facts {
        private final LinkedService service;
        private final PageLanguage words;
        private final PageDates dates;
        private final Map<String, String> values = new HashMap<>();
        private List<String> names = List.of();

        Facts(LinkedService service, ServiceStatus status, AlertSource source) {
            Publish publish = service.policy().publish();
            this.service = service;
            this.words = PageLanguage.of(publish.language());
            this.dates = new PageDates(publish.language(), publish.timeZone(), publish.dates());
            String name = service.service().name();
            values.put("service", name == null || name.isBlank() ? words.someService() : name);
            values.put("status", words.status(status));
            values.put("source", source == null ? "" : words.source(source));
        }

        /** {@code {service}} is these services, listed in the language; several speak in the plural. */
        Facts services(List<String> names) {
            values.put("service", names.isEmpty() ? words.someService() : words.list(names));
            this.names = names;
            return this;
        }

        Facts about(Alert alert) {
            values.put("alert", PublicText.title(alert.title()));
            values.put("description", alert.description().strip());
            return this;
        }

        Facts since(Instant since) {
            values.put("since", since == null ? NO_TIME : dates.format(since));
            return this;
        }

        Facts at(Instant at) {
            values.put("at", at == null ? NO_TIME : dates.format(at));
            return this;
        }

        Facts holding(Optional<Held> holding) {
            values.put("incident", holding.map(Held::title).map(PublicText::title).orElse(""));
            return this;
        }

        /**
         * The team's template of this name, else the language's sentence (plural for several services), filled in;
         * right after the word for services a long list ends in a bare count.
         */
        String render(Text text, Sentence builtIn) {
            boolean plural = names.size() > 1;
            String template = service.policy().publish().template(text)
                    .orElseGet(() -> words.sentence(builtIn, plural));
            Map<String, String> facts = values;
            if (plural && words.namesAfterNoun(template)) {
                facts = new HashMap<>(values);
                facts.put("service", words.listAfterNoun(names));
            }
            return dates.fitted(PageTexts.render(template, facts));
        }
    }

    /** The template with its placeholders filled in; an empty one takes its separator with it. */
    static String render(String template, Map<String, String> facts) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String raw = facts.getOrDefault(name, "");
            boolean time = name.equals("since") || name.equals("at");
            placeholder.appendReplacement(out, "");
            String value = raw.equals(NO_TIME) ? "" : PublicText.value(raw);
            out.append(value.isEmpty() ? (time ? NO_TIME : EMPTY)
                    : PublicText.between(out, value, template.subSequence(placeholder.end(), template.length())));
        }
        placeholder.appendTail(out);
        return tidy(out.toString());
    }

    /**
     * Removes what an empty value leaves: the words that introduce an empty time ({@code since {at}}), quotes around
     * it, the comma before it where punctuation follows ({@code incident, “{incident}”;}), else the separator after
     * it ({@code "{alert}: "}) or before it ({@code " – {alert}"}), brackets left empty, doubled blanks.
     */
    private static String tidy(String text) {
        if (!text.contains(EMPTY) && !text.contains(NO_TIME)) {
            return text;
        }
        String tidied = TIME_WORDS.matcher(text).replaceAll(EMPTY).replace(NO_TIME, EMPTY)
                .replaceAll("[“«„‘\"]" + BLANK + "*" + EMPTY + BLANK + "*[”»“’\"]", EMPTY)
                .replaceAll(BLANK + "*," + BLANK + "*" + EMPTY + "(?=" + BLANK + "*[:;.,)])", "")
                .replaceAll(EMPTY + BLANK + "*[:;,–—-]" + BLANK + "*", "")
                .replaceAll(BLANK + "*[:;,–—-]" + BLANK + "*" + EMPTY, "")
                .replace(EMPTY, "")
                .replaceAll("\\(" + BLANK + "*\\)|\\[" + BLANK + "*]", "")
                .replaceAll("[ \\t]+([.,])(?=\\s|$)", "$1")
                .replaceAll("[ \\t]{2,}", " ");
        return tidied.strip();
    }
}
