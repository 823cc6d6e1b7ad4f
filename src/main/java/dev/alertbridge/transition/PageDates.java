package dev.alertbridge.transition;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertbridge.config.Publish.Dates;
import dev.alertbridge.config.Publish.Language;

/**
 * When something happened, as the page tells it: in the team's time zone, as {@code 2019-10-02 17:04 UTC} or in
 * the language's own long notation ({@code 2 octobre 2019 à 17 h 04 (UTC)}). A zone is written as its offset at
 * that moment ({@code UTC+2}, {@code UTC+5:30}), the same in every language: the JDK's short names are English
 * ({@code CEST}) or local ({@code MESZ}), and its {@code O} says {@code GMT+2} in most languages. Never relative:
 * an update is frozen and mailed.
 */
record PageDates(Language language, ZoneId zone, Dates style) {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** Italian elides the article before a date said with a vowel: l'8, dall'11 (never before 1: il 1º). */
    private static final Pattern ITALIAN_ARTICLE = Pattern.compile(
            "(?<![\\p{L}'’])([Ii]l|[Dd]al|[Dd]el|[Aa]l|[Nn]el|[Ss]ul) (8|11) (?=(?:gennaio|febbraio|marzo|aprile"
                    + "|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) )");
    /** No-break spaces inside the French time ({@code 17 h 04}), so it never wraps. */
    private static final String NBSP = "\u00A0";

    /** The time as the page writes it; empty when there is none. */
    String format(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime time = instant.atZone(zone);
        String offset = offset(time.getOffset());
        if (style == Dates.ISO) {
            return ISO.format(time) + " " + offset;
        }
        String hour = time.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT));
        return switch (language) {
            case EN -> hour + " " + offset + " on " + date(time, "d MMMM yyyy", Locale.UK);
            case FR -> date(time, "d", Locale.FRENCH) + (time.getDayOfMonth() == 1 ? "er" : "")
                    + date(time, " MMMM yyyy", Locale.FRENCH) + " à " + time.format(DateTimeFormatter
                            .ofPattern("HH'" + NBSP + "h" + NBSP + "'mm", Locale.ROOT))
                    + " (" + offset + ")";
            case NL -> date(time, "d MMMM yyyy", Locale.forLanguageTag("nl")) + " om "
                    + time.format(DateTimeFormatter.ofPattern("HH.mm", Locale.ROOT)) + " uur (" + offset + ")";
            case DE -> date(time, "dd.MM.yyyy", Locale.GERMAN) + ", " + hour + " Uhr (" + offset + ")";
            // "a la una": the one hour that is singular.
            case ES -> date(time, "d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es"))
                    + (time.getHour() == 1 ? " a la " : " a las ") + hour + " (" + offset + ")";
            case IT -> date(time, "d MMMM yyyy", Locale.ITALIAN) + " alle " + hour + " (" + offset + ")";
        };
    }

    /** A rendered text with the language's grammar around its long dates: Italian's elided article. */
    String fitted(String text) {
        if (style != Dates.LONG || language != Language.IT) {
            return text;
        }
        Matcher article = ITALIAN_ARTICLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (article.find()) {
            String word = article.group(1);
            String elided = word.equalsIgnoreCase("il") ? (word.charAt(0) == 'I' ? "L" : "l") : word + "l";
            article.appendReplacement(out, Matcher.quoteReplacement(elided + "'" + article.group(2) + " "));
        }
        article.appendTail(out);
        return out.toString();
    }

    private static String date(ZonedDateTime time, String pattern, Locale locale) {
        return time.format(DateTimeFormatter.ofPattern(pattern, locale));
    }

    /** {@code UTC}, {@code UTC+2}, {@code UTC-3}, {@code UTC+5:30}. */
    static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        int minutes = Math.abs(seconds) / 60;
        return "UTC" + (seconds < 0 ? "-" : "+") + minutes / 60 + (minutes % 60 == 0 ? ""
                : ":" + String.format(Locale.ROOT, "%02d", minutes % 60));
    }
}
