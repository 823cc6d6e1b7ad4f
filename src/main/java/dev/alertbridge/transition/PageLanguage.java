package dev.alertbridge.transition;

import static dev.alertbridge.transition.PageLanguage.Sentence.ALARM_DELETED;
import static dev.alertbridge.transition.PageLanguage.Sentence.CLEAR;
import static dev.alertbridge.transition.PageLanguage.Sentence.CLEAR_STILL_AFFECTED;
import static dev.alertbridge.transition.PageLanguage.Sentence.CORRECTED;
import static dev.alertbridge.transition.PageLanguage.Sentence.DUPLICATE;
import static dev.alertbridge.transition.PageLanguage.Sentence.JOINED;
import static dev.alertbridge.transition.PageLanguage.Sentence.JOINED_QUIETLY;
import static dev.alertbridge.transition.PageLanguage.Sentence.OPEN_DEGRADED;
import static dev.alertbridge.transition.PageLanguage.Sentence.OPEN_DOWN;
import static dev.alertbridge.transition.PageLanguage.Sentence.RECOVERED;
import static dev.alertbridge.transition.PageLanguage.Sentence.REOPEN_DEGRADED;
import static dev.alertbridge.transition.PageLanguage.Sentence.REOPEN_DOWN;
import static dev.alertbridge.transition.PageLanguage.Sentence.STILL_AFFECTED;
import static dev.alertbridge.transition.PageLanguage.Sentence.TITLE;
import static java.util.Map.entry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.Publish.Language;

/**
 * The built-in texts of one language, as a native status-page writer of it would put them (../shared
 * reference/page-texts.md): what happened and when, never an alarm name, a description or an annotation. They use
 * the templates' placeholders. French, Spanish and Italian say <i>le service {service}</i>, so a participle agrees
 * whatever the service is called and a service the configuration no longer names reads <i>le service</i> (several:
 * <i>les services {service}</i>, the verbs plural); French puts a narrow no-break space before {@code :} and
 * {@code ;} and inside its quotes.
 *
 * @param sentences every sentence, by what it says
 * @param plurals the sentences whose {@code {service}} is a list of several (a shared incident's), where the
 *        language needs another form (verbs, articles); the others serve both
 * @param statuses what {@code {status}} says for each status an update sets
 * @param sources what {@code {source}} says for each source, in the source's own words
 * @param someService {@code {service}} when the configuration no longer names the service
 * @param and the word before a list's last name ({@code Checkout and Search})
 * @param more the end of a long list, for its count of further services ({@code %d more services}), its last word
 *        the language's word for services
 */
record PageLanguage(Map<Sentence, String> sentences, Map<Sentence, String> plurals,
        Map<ServiceStatus, String> statuses,
        Map<AlertSource, String> sources, String someService, String and, String more) {

    /** What a built-in sentence says; a team's template replaces it by the name of its {@code Publish.Text}. */
    enum Sentence {
        TITLE,
        OPEN_DOWN,
        OPEN_DEGRADED,
        REOPEN_DOWN,
        REOPEN_DEGRADED,
        /** The clear that brings the service up. */
        CLEAR,
        /** The clear of an incident while another keeps the service affected. */
        CLEAR_STILL_AFFECTED,
        /** A correction or a deleted alarm's clear while another incident keeps the service affected. */
        STILL_AFFECTED,
        CORRECTED,
        /** A deleted alarm's clear that brings the service up: no time (nothing says when it recovered). */
        ALARM_DELETED,
        DUPLICATE,
        JOINED,
        /** A join that changes nothing on the page. */
        JOINED_QUIETLY,
        RECOVERED
    }

    /** Past this many names a list says how many more. */
    private static final int NAMED = 3;

    static PageLanguage of(Language language) {
        return ALL.get(language);
    }

    /** The sentence, in its plural form when {@code {service}} lists several services. */
    String sentence(Sentence sentence, boolean plural) {
        return plural && plurals.containsKey(sentence) ? plurals.get(sentence) : sentences.get(sentence);
    }

    String status(ServiceStatus status) {
        return statuses.get(status);
    }

    String source(AlertSource source) {
        return sources.get(source);
    }

    /**
     * Names as a list in the language: {@code Checkout, Search and Payments}, {@code ... and 4 more services}; with
     * one past three, all four named.
     */
    String list(List<String> names) {
        return list(names, more);
    }

    /**
     * Names as a list right after the language's word for services ({@code les services {service}}): a long one ends
     * in a bare count, so the word is not said twice ({@code les services A, B, C et 4 autres}).
     */
    String listAfterNoun(List<String> names) {
        return list(names, more.substring(0, more.lastIndexOf(' ')));
    }

    /** Whether {@code {service}} follows the language's word for services in this template. */
    boolean namesAfterNoun(String template) {
        return template.contains(more.substring(more.lastIndexOf(' ') + 1) + " {service}");
    }

    private String list(List<String> names, String more) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        boolean counted = names.size() > NAMED + 1;
        List<String> named = counted ? names.subList(0, NAMED) : names.subList(0, names.size() - 1);
        String last = counted ? more.formatted(names.size() - NAMED) : names.get(names.size() - 1);
        return String.join(", ", named) + " " + conjunction(last) + " " + last;
    }

    /** Spanish writes <i>e</i> before the sound /i/ (<i>Pagos e Integraciones</i>). */
    private String conjunction(String next) {
        return and.equals("y") && next.matches("(?i)(?:i|hi(?![aeiouáéó])).*") ? "e" : and;
    }

    private static final Map<Language, PageLanguage> ALL = new EnumMap<>(Language.class);
    /**
     * The plural forms (page-texts.md §3.6–3.7): where {@code {service}} is the subject (verbs, participles), or
     * follows the language's <i>le service</i>, <i>el servicio</i>, <i>il servizio</i>. A list that is only an object
     * or follows a preposition (en/nl/de <i>affecting</i>, <i>bij</i>, <i>voor</i>, <i>auch</i>) keeps the singular
     * sentence.
     */
    private static final Map<Language, Map<Sentence, String>> PLURALS = new EnumMap<>(Language.class);

    static {
        PLURALS.put(Language.EN, Map.ofEntries(
                entry(OPEN_DEGRADED, "Since {since}, {service} have been slower or less reliable than usual. We are "
                        + "investigating and will post an update as soon as we know more."),
                entry(REOPEN_DOWN, "The issue has returned: {service} have been disrupted again since {since}. We are "
                        + "investigating and will post an update as soon as we know more."),
                entry(REOPEN_DEGRADED, "The issue has returned: {service} have been slower or less reliable than "
                        + "usual again since {since}. We are investigating and will post an update as soon as we "
                        + "know more."),
                entry(CLEAR, "{service} have been operating normally since {at}. We are continuing to monitor the "
                        + "situation."),
                entry(CLEAR_STILL_AFFECTED, "The issue detected at {since} has not recurred since {at}. {service} are "
                        + "still affected by another ongoing incident, “{incident}”; please follow that incident for "
                        + "updates."),
                entry(STILL_AFFECTED, "{service} are still affected by another ongoing incident, “{incident}”; please "
                        + "follow that incident for updates."),
                entry(CORRECTED, "{service} are operating normally again: no other incident is affecting them."),
                entry(ALARM_DELETED, "{service} are operating normally again. We are continuing to monitor the "
                        + "situation."),
                entry(DUPLICATE, "This incident is a duplicate and has been closed. Updates continue in the other "
                        + "incident for {service} opened at the same time."),
                entry(RECOVERED, "{service} have been operating normally since {at}. We are still working on "
                        + "{others}.")));
        PLURALS.put(Language.FR, Map.ofEntries(
                entry(OPEN_DOWN, "Les services {service} sont perturbés depuis le {since}. Nous en recherchons la "
                        + "cause et publierons une mise à jour dès que possible."),
                entry(OPEN_DEGRADED, "Les performances des services {service} sont dégradées depuis le {since}. Nous "
                        + "en recherchons la cause et publierons une mise à jour dès que possible."),
                entry(REOPEN_DOWN, "Le problème est réapparu\u202F: les services {service} sont de nouveau perturbés "
                        + "depuis le {since}. Nous en recherchons la cause et publierons une mise à jour dès que "
                        + "possible."),
                entry(REOPEN_DEGRADED, "Le problème est réapparu\u202F: les performances des services {service} sont "
                        + "de nouveau dégradées depuis le {since}. Nous en recherchons la cause et publierons une mise "
                        + "à jour dès que possible."),
                entry(CLEAR, "Les services {service} fonctionnent de nouveau normalement depuis le {at}. Nous "
                        + "continuons de surveiller la situation."),
                entry(CLEAR_STILL_AFFECTED, "Le problème constaté le {since} ne se reproduit plus depuis le {at}. Les "
                        + "services {service} restent toutefois concernés par un autre incident en cours, «\u202F"
                        + "{incident}\u202F»\u202F: consultez-le pour suivre son évolution."),
                entry(STILL_AFFECTED, "Les services {service} restent concernés par un autre incident en cours, "
                        + "«\u202F{incident}\u202F»\u202F: consultez-le pour suivre son évolution."),
                entry(CORRECTED, "Les services {service} fonctionnent de nouveau normalement\u202F: aucun autre "
                        + "incident ne les affecte."),
                entry(ALARM_DELETED, "Les services {service} fonctionnent de nouveau normalement. Nous continuons de "
                        + "surveiller la situation."),
                entry(DUPLICATE, "Cet incident fait doublon et a été clos. Le suivi se poursuit dans l'autre incident "
                        + "concernant les services {service}."),
                entry(JOINED, "Depuis le {since}, le problème affecte également les services {service}. Nous "
                        + "poursuivons nos recherches et publierons une mise à jour dès que possible."),
                entry(RECOVERED, "Les services {service} fonctionnent de nouveau normalement depuis le {at}. Le "
                        + "problème affecte toujours {others} et nous continuons d'y travailler.")));
        PLURALS.put(Language.NL, Map.ofEntries(
                entry(OPEN_DEGRADED, "Sinds {since} werken {service} trager of minder betrouwbaar dan gebruikelijk. "
                        + "We onderzoeken de oorzaak en houden u op de hoogte."),
                entry(REOPEN_DEGRADED, "Het probleem is teruggekeerd: sinds {since} werken {service} opnieuw trager "
                        + "of minder betrouwbaar dan gebruikelijk. We onderzoeken de oorzaak en houden u op de "
                        + "hoogte."),
                entry(CLEAR, "{service} werken sinds {at} weer normaal. We houden de situatie in de gaten."),
                entry(CLEAR_STILL_AFFECTED, "Het probleem dat op {since} werd vastgesteld, doet zich sinds {at} niet "
                        + "meer voor. {service} ondervinden nog wel hinder van een ander lopend incident, "
                        + "“{incident}”; volg dat incident voor updates."),
                entry(STILL_AFFECTED, "{service} ondervinden nog hinder van een ander lopend incident, “{incident}”; "
                        + "volg dat incident voor updates."),
                entry(CORRECTED, "{service} werken weer normaal; er loopt geen ander incident meer."),
                entry(ALARM_DELETED, "{service} werken weer normaal. We houden de situatie in de gaten."),
                entry(RECOVERED, "{service} werken sinds {at} weer normaal. Voor {others} werken we nog aan een "
                        + "oplossing.")));
        PLURALS.put(Language.DE, Map.ofEntries(
                entry(OPEN_DOWN, "Seit {since} sind {service} gestört. Wir suchen nach der Ursache und informieren "
                        + "Sie, sobald wir mehr wissen."),
                entry(OPEN_DEGRADED, "Seit {since} reagieren {service} langsamer oder unzuverlässiger als gewohnt. "
                        + "Wir suchen nach der Ursache und informieren Sie, sobald wir mehr wissen."),
                entry(REOPEN_DOWN, "Das Problem ist erneut aufgetreten: Seit {since} sind {service} wieder gestört. "
                        + "Wir suchen nach der Ursache und informieren Sie, sobald wir mehr wissen."),
                entry(REOPEN_DEGRADED, "Das Problem ist erneut aufgetreten: Seit {since} reagieren {service} wieder "
                        + "langsamer oder unzuverlässiger als gewohnt. Wir suchen nach der Ursache und informieren "
                        + "Sie, sobald wir mehr wissen."),
                entry(CLEAR, "{service} funktionieren seit {at} wieder normal. Wir beobachten die Lage weiter."),
                entry(CLEAR_STILL_AFFECTED, "Das am {since} festgestellte Problem tritt seit {at} nicht mehr auf. "
                        + "{service} sind jedoch durch einen anderen laufenden Vorfall („{incident}“) weiterhin "
                        + "beeinträchtigt; aktuelle Informationen finden Sie in diesem Vorfall."),
                entry(STILL_AFFECTED, "{service} sind durch einen anderen laufenden Vorfall („{incident}“) weiterhin "
                        + "beeinträchtigt; aktuelle Informationen finden Sie in diesem Vorfall."),
                entry(CORRECTED, "{service} funktionieren wieder normal; kein anderer Vorfall beeinträchtigt die "
                        + "Dienste mehr."),
                entry(ALARM_DELETED, "{service} funktionieren wieder normal. Wir beobachten die Lage weiter."),
                entry(RECOVERED, "{service} funktionieren seit {at} wieder normal. Für {others} arbeiten wir noch an "
                        + "einer Lösung.")));
        PLURALS.put(Language.ES, Map.ofEntries(
                entry(OPEN_DOWN, "Estamos investigando una interrupción de los servicios {service} que comenzó el "
                        + "{since}. Publicaremos una actualización en cuanto tengamos más información."),
                entry(OPEN_DEGRADED, "Desde el {since}, los servicios {service} responden con lentitud o de forma "
                        + "intermitente. Estamos investigando la causa y publicaremos una actualización en cuanto "
                        + "tengamos más información."),
                entry(REOPEN_DOWN, "El problema ha vuelto a producirse: los servicios {service} vuelven a estar "
                        + "interrumpidos desde el {since}. Estamos investigando la causa y publicaremos una "
                        + "actualización en cuanto tengamos más información."),
                entry(REOPEN_DEGRADED, "El problema ha vuelto a producirse: desde el {since}, los servicios {service} "
                        + "vuelven a responder con lentitud o de forma intermitente. Estamos investigando la causa y "
                        + "publicaremos una actualización en cuanto tengamos más información."),
                entry(CLEAR, "Los servicios {service} funcionan de nuevo con normalidad desde el {at}. Seguimos "
                        + "supervisando la situación."),
                entry(CLEAR_STILL_AFFECTED, "El problema detectado el {since} no se ha vuelto a producir desde el "
                        + "{at}. Sin embargo, otra incidencia en curso («{incident}») sigue afectando a los servicios "
                        + "{service}; su evolución puede seguirse en esa incidencia."),
                entry(STILL_AFFECTED, "Otra incidencia en curso («{incident}») sigue afectando a los servicios "
                        + "{service}; su evolución puede seguirse en esa incidencia."),
                entry(CORRECTED, "Los servicios {service} funcionan de nuevo con normalidad: ya no hay ninguna otra "
                        + "incidencia que los afecte."),
                entry(ALARM_DELETED, "Los servicios {service} funcionan de nuevo con normalidad. Seguimos "
                        + "supervisando la situación."),
                entry(DUPLICATE, "Esta incidencia está duplicada y se ha cerrado. Las actualizaciones continúan en la "
                        + "otra incidencia sobre los servicios {service}."),
                entry(JOINED, "Desde el {since}, el problema afecta también a los servicios {service}. Seguimos "
                        + "investigando la causa y publicaremos una actualización en cuanto tengamos más "
                        + "información."),
                entry(RECOVERED, "Los servicios {service} funcionan de nuevo con normalidad desde el {at}. El problema "
                        + "sigue afectando a {others} y seguimos trabajando para resolverlo.")));
        PLURALS.put(Language.IT, Map.ofEntries(
                entry(OPEN_DOWN, "Dal {since} è in corso un disservizio che interessa i servizi {service}. Stiamo "
                        + "analizzando le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(OPEN_DEGRADED, "Dal {since} si registrano rallentamenti o malfunzionamenti intermittenti che "
                        + "interessano i servizi {service}. Stiamo analizzando le cause e pubblicheremo un "
                        + "aggiornamento non appena avremo maggiori informazioni."),
                entry(REOPEN_DOWN, "Il problema si è ripresentato: dal {since} è di nuovo in corso un disservizio che "
                        + "interessa i servizi {service}. Stiamo analizzando le cause e pubblicheremo un "
                        + "aggiornamento non appena avremo maggiori informazioni."),
                entry(REOPEN_DEGRADED, "Il problema si è ripresentato: dal {since} si registrano di nuovo "
                        + "rallentamenti o malfunzionamenti intermittenti che interessano i servizi {service}. "
                        + "Stiamo analizzando le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(CLEAR, "I servizi {service} funzionano di nuovo regolarmente dal {at}. Continuiamo a monitorare "
                        + "la situazione."),
                entry(CLEAR_STILL_AFFECTED, "Il problema rilevato il {since} non si verifica più dal {at}. I servizi "
                        + "{service} sono però ancora interessati da un altro incidente in corso («{incident}»), a "
                        + "cui fare riferimento per gli aggiornamenti."),
                entry(STILL_AFFECTED, "I servizi {service} sono ancora interessati da un altro incidente in corso "
                        + "(«{incident}»), a cui fare riferimento per gli aggiornamenti."),
                entry(CORRECTED, "I servizi {service} funzionano di nuovo regolarmente e non sono interessati da altri "
                        + "incidenti in corso."),
                entry(ALARM_DELETED, "I servizi {service} funzionano di nuovo regolarmente. Continuiamo a monitorare "
                        + "la situazione."),
                entry(DUPLICATE, "Questo incidente è un duplicato ed è stato chiuso. Gli aggiornamenti proseguono "
                        + "nell'altro incidente relativo ai servizi {service}, aperto nello stesso momento."),
                entry(JOINED, "Dal {since} il problema interessa anche i servizi {service}. Continuiamo ad "
                        + "analizzare le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(RECOVERED, "I servizi {service} funzionano di nuovo regolarmente dal {at}. Il problema interessa "
                        + "ancora {others}: stiamo lavorando per risolverlo.")));
        ALL.put(Language.EN, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}: {status}"),
                entry(OPEN_DOWN, "We are investigating a disruption to {service} that began at {since}. We will post "
                        + "an update as soon as we know more."),
                entry(OPEN_DEGRADED, "Since {since}, {service} has been slower or less reliable than usual. We are "
                        + "investigating and will post an update as soon as we know more."),
                entry(REOPEN_DOWN, "The issue has returned: {service} has been disrupted again since {since}. We are "
                        + "investigating and will post an update as soon as we know more."),
                entry(REOPEN_DEGRADED, "The issue has returned: {service} has been slower or less reliable than usual "
                        + "again since {since}. We are investigating and will post an update as soon as we know "
                        + "more."),
                entry(CLEAR, "{service} has been operating normally since {at}. We are continuing to monitor the "
                        + "situation."),
                entry(CLEAR_STILL_AFFECTED, "The issue detected at {since} has not recurred since {at}. {service} is "
                        + "still affected by another ongoing incident, “{incident}”; please follow that incident for "
                        + "updates."),
                entry(STILL_AFFECTED, "{service} is still affected by another ongoing incident, “{incident}”; please "
                        + "follow that incident for updates."),
                entry(CORRECTED, "{service} is operating normally again: no other incident is affecting it."),
                entry(ALARM_DELETED, "{service} is operating normally again. We are continuing to monitor the "
                        + "situation."),
                entry(DUPLICATE, "This incident is a duplicate and has been closed. Updates continue in the other "
                        + "{service} incident opened at the same time."),
                entry(JOINED, "Since {since}, the issue has also been affecting {service}. We are continuing to "
                        + "investigate and will post an update as soon as we know more."),
                entry(JOINED_QUIETLY, "We are continuing to investigate."),
                entry(RECOVERED, "{service} has been operating normally since {at}. We are still working on "
                        + "{others}.")),
                PLURALS.getOrDefault(Language.EN, Map.of()),
                statuses("Service disruption", "Degraded performance", "Operating normally"),
                sources("CloudWatch alarm", "Uptrends monitor", "Prometheus alert", "Grafana alert"),
                "The service", "and", "%d more services"));
        ALL.put(Language.FR, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}\u202F: {status}"),
                entry(OPEN_DOWN, "Le service {service} est perturbé depuis le {since}. Nous en recherchons la cause "
                        + "et publierons une mise à jour dès que possible."),
                entry(OPEN_DEGRADED, "Les performances du service {service} sont dégradées depuis le {since}. Nous en "
                        + "recherchons la cause et publierons une mise à jour dès que possible."),
                entry(REOPEN_DOWN, "Le problème est réapparu\u202F: le service {service} est de nouveau perturbé "
                        + "depuis le {since}. Nous en recherchons la cause et publierons une mise à jour dès que "
                        + "possible."),
                entry(REOPEN_DEGRADED, "Le problème est réapparu\u202F: les performances du service {service} sont de "
                        + "nouveau dégradées depuis le {since}. Nous en recherchons la cause et publierons une mise à "
                        + "jour dès que possible."),
                entry(CLEAR, "Le service {service} fonctionne de nouveau normalement depuis le {at}. Nous continuons "
                        + "de surveiller la situation."),
                entry(CLEAR_STILL_AFFECTED, "Le problème constaté le {since} ne se reproduit plus depuis le {at}. Le "
                        + "service {service} reste toutefois concerné par un autre incident en cours, «\u202F{incident}"
                        + "\u202F»\u202F: consultez-le pour suivre son évolution."),
                entry(STILL_AFFECTED, "Le service {service} reste concerné par un autre incident en cours, "
                        + "«\u202F{incident}\u202F»\u202F: consultez-le pour suivre son évolution."),
                entry(CORRECTED, "Le service {service} fonctionne de nouveau normalement\u202F: aucun autre incident "
                        + "ne l'affecte."),
                entry(ALARM_DELETED, "Le service {service} fonctionne de nouveau normalement. Nous continuons de "
                        + "surveiller la situation."),
                entry(DUPLICATE, "Cet incident fait doublon et a été clos. Le suivi se poursuit dans l'autre incident "
                        + "concernant le service {service}."),
                entry(JOINED, "Depuis le {since}, le problème affecte également le service {service}. Nous "
                        + "poursuivons nos recherches et publierons une mise à jour dès que possible."),
                entry(JOINED_QUIETLY, "Nos recherches se poursuivent."),
                entry(RECOVERED, "Le service {service} fonctionne de nouveau normalement depuis le {at}. Le problème "
                        + "affecte toujours {others} et nous continuons d'y travailler.")),
                PLURALS.getOrDefault(Language.FR, Map.of()),
                statuses("perturbation du service", "performances dégradées", "fonctionnement normal"),
                sources("alarme CloudWatch", "moniteur Uptrends", "alerte Prometheus", "alerte Grafana"),
                "", "et", "%d autres services"));
        ALL.put(Language.NL, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}: {status}"),
                entry(OPEN_DOWN, "Sinds {since} is er een storing bij {service}. We onderzoeken de oorzaak en houden "
                        + "u op de hoogte."),
                entry(OPEN_DEGRADED, "Sinds {since} werkt {service} trager of minder betrouwbaar dan gebruikelijk. We "
                        + "onderzoeken de oorzaak en houden u op de hoogte."),
                entry(REOPEN_DOWN, "Het probleem is teruggekeerd: sinds {since} is er opnieuw een storing bij "
                        + "{service}. We onderzoeken de oorzaak en houden u op de hoogte."),
                entry(REOPEN_DEGRADED, "Het probleem is teruggekeerd: sinds {since} werkt {service} opnieuw trager of "
                        + "minder betrouwbaar dan gebruikelijk. We onderzoeken de oorzaak en houden u op de hoogte."),
                entry(CLEAR, "{service} werkt sinds {at} weer normaal. We houden de situatie in de gaten."),
                entry(CLEAR_STILL_AFFECTED, "Het probleem dat op {since} werd vastgesteld, doet zich sinds {at} niet "
                        + "meer voor. {service} ondervindt nog wel hinder van een ander lopend incident, "
                        + "“{incident}”; volg dat incident voor updates."),
                entry(STILL_AFFECTED, "{service} ondervindt nog hinder van een ander lopend incident, “{incident}”; "
                        + "volg dat incident voor updates."),
                entry(CORRECTED, "{service} werkt weer normaal; er loopt geen ander incident meer."),
                entry(ALARM_DELETED, "{service} werkt weer normaal. We houden de situatie in de gaten."),
                entry(DUPLICATE, "Dit incident is per abuis dubbel aangemaakt en is gesloten. Updates volgen in het "
                        + "andere incident over {service}."),
                entry(JOINED, "Sinds {since} heeft dit probleem ook gevolgen voor {service}. We onderzoeken de "
                        + "oorzaak en houden u op de hoogte."),
                entry(JOINED_QUIETLY, "We onderzoeken de oorzaak nog."),
                entry(RECOVERED, "{service} werkt sinds {at} weer normaal. Voor {others} werken we nog aan een "
                        + "oplossing.")),
                PLURALS.getOrDefault(Language.NL, Map.of()),
                statuses("storing", "verminderde prestaties", "normale werking"),
                sources("CloudWatch-alarm", "Uptrends-controleregel", "Prometheus-melding", "Grafana-melding"),
                "De dienst", "en", "%d andere diensten"));
        ALL.put(Language.DE, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}: {status}"),
                entry(OPEN_DOWN, "Seit {since} ist {service} gestört. Wir suchen nach der Ursache und informieren "
                        + "Sie, sobald wir mehr wissen."),
                entry(OPEN_DEGRADED, "Seit {since} reagiert {service} langsamer oder unzuverlässiger als gewohnt. Wir "
                        + "suchen nach der Ursache und informieren Sie, sobald wir mehr wissen."),
                entry(REOPEN_DOWN, "Das Problem ist erneut aufgetreten: Seit {since} ist {service} wieder gestört. "
                        + "Wir suchen nach der Ursache und informieren Sie, sobald wir mehr wissen."),
                entry(REOPEN_DEGRADED, "Das Problem ist erneut aufgetreten: Seit {since} reagiert {service} wieder "
                        + "langsamer oder unzuverlässiger als gewohnt. Wir suchen nach der Ursache und informieren "
                        + "Sie, sobald wir mehr wissen."),
                entry(CLEAR, "{service} funktioniert seit {at} wieder normal. Wir beobachten die Lage weiter."),
                entry(CLEAR_STILL_AFFECTED, "Das am {since} festgestellte Problem tritt seit {at} nicht mehr auf. "
                        + "{service} ist jedoch durch einen anderen laufenden Vorfall („{incident}“) weiterhin "
                        + "beeinträchtigt; aktuelle Informationen finden Sie in diesem Vorfall."),
                entry(STILL_AFFECTED, "{service} ist durch einen anderen laufenden Vorfall („{incident}“) weiterhin "
                        + "beeinträchtigt; aktuelle Informationen finden Sie in diesem Vorfall."),
                entry(CORRECTED, "{service} funktioniert wieder normal; kein anderer Vorfall beeinträchtigt den "
                        + "Dienst mehr."),
                entry(ALARM_DELETED, "{service} funktioniert wieder normal. Wir beobachten die Lage weiter."),
                entry(DUPLICATE, "Dieser Vorfall wurde versehentlich doppelt angelegt und ist geschlossen. Aktuelle "
                        + "Informationen finden Sie im anderen Vorfall zu {service}."),
                entry(JOINED, "Seit {since} betrifft das Problem auch {service}. Wir suchen weiter nach der Ursache "
                        + "und informieren Sie, sobald wir mehr wissen."),
                entry(JOINED_QUIETLY, "Wir suchen weiter nach der Ursache."),
                entry(RECOVERED, "{service} funktioniert seit {at} wieder normal. Für {others} arbeiten wir noch an "
                        + "einer Lösung.")),
                PLURALS.getOrDefault(Language.DE, Map.of()),
                statuses("Störung", "Beeinträchtigte Leistung", "Normalbetrieb"),
                sources("CloudWatch-Alarm", "Uptrends-Prüfobjekt", "Prometheus-Alarm", "Grafana-Alarm"),
                "Der Dienst", "und", "%d weitere Dienste"));
        ALL.put(Language.ES, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}: {status}"),
                entry(OPEN_DOWN, "Estamos investigando una interrupción del servicio {service} que comenzó el "
                        + "{since}. Publicaremos una actualización en cuanto tengamos más información."),
                entry(OPEN_DEGRADED, "Desde el {since}, el servicio {service} responde con lentitud o de forma "
                        + "intermitente. Estamos investigando la causa y publicaremos una actualización en cuanto "
                        + "tengamos más información."),
                entry(REOPEN_DOWN, "El problema ha vuelto a producirse: el servicio {service} vuelve a estar "
                        + "interrumpido desde el {since}. Estamos investigando la causa y publicaremos una "
                        + "actualización en cuanto tengamos más información."),
                entry(REOPEN_DEGRADED, "El problema ha vuelto a producirse: desde el {since}, el servicio {service} "
                        + "vuelve a responder con lentitud o de forma intermitente. Estamos investigando la causa y "
                        + "publicaremos una actualización en cuanto tengamos más información."),
                entry(CLEAR, "El servicio {service} funciona de nuevo con normalidad desde el {at}. Seguimos "
                        + "supervisando la situación."),
                entry(CLEAR_STILL_AFFECTED, "El problema detectado el {since} no se ha vuelto a producir desde el "
                        + "{at}. Sin embargo, otra incidencia en curso («{incident}») sigue afectando al servicio "
                        + "{service}; su evolución puede seguirse en esa incidencia."),
                entry(STILL_AFFECTED, "Otra incidencia en curso («{incident}») sigue afectando al servicio "
                        + "{service}; su evolución puede seguirse en esa incidencia."),
                entry(CORRECTED, "El servicio {service} funciona de nuevo con normalidad: ya no hay ninguna otra "
                        + "incidencia que lo afecte."),
                entry(ALARM_DELETED, "El servicio {service} funciona de nuevo con normalidad. Seguimos supervisando "
                        + "la situación."),
                entry(DUPLICATE, "Esta incidencia está duplicada y se ha cerrado. Las actualizaciones continúan en la "
                        + "otra incidencia sobre el servicio {service}."),
                entry(JOINED, "Desde el {since}, el problema afecta también al servicio {service}. Seguimos "
                        + "investigando la causa y publicaremos una actualización en cuanto tengamos más "
                        + "información."),
                entry(JOINED_QUIETLY, "Seguimos investigando."),
                entry(RECOVERED, "El servicio {service} funciona de nuevo con normalidad desde el {at}. El problema "
                        + "sigue afectando a {others} y seguimos trabajando para resolverlo.")),
                PLURALS.getOrDefault(Language.ES, Map.of()),
                statuses("interrupción del servicio", "rendimiento degradado", "funcionamiento normal"),
                sources("alarma de CloudWatch", "monitor de Uptrends", "alerta de Prometheus", "alerta de Grafana"),
                "", "y", "otros %d servicios"));
        ALL.put(Language.IT, new PageLanguage(Map.ofEntries(
                entry(TITLE, "{service}: {status}"),
                entry(OPEN_DOWN, "Dal {since} è in corso un disservizio che interessa il servizio {service}. Stiamo "
                        + "analizzando le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(OPEN_DEGRADED, "Dal {since} si registrano rallentamenti o malfunzionamenti intermittenti che "
                        + "interessano il servizio {service}. Stiamo analizzando le cause e pubblicheremo un "
                        + "aggiornamento non appena avremo maggiori informazioni."),
                entry(REOPEN_DOWN, "Il problema si è ripresentato: dal {since} è di nuovo in corso un disservizio che "
                        + "interessa il servizio {service}. Stiamo analizzando le cause e pubblicheremo un "
                        + "aggiornamento non appena avremo maggiori informazioni."),
                entry(REOPEN_DEGRADED, "Il problema si è ripresentato: dal {since} si registrano di nuovo "
                        + "rallentamenti o malfunzionamenti intermittenti che interessano il servizio {service}. "
                        + "Stiamo analizzando le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(CLEAR, "Il servizio {service} funziona di nuovo regolarmente dal {at}. Continuiamo a monitorare "
                        + "la situazione."),
                entry(CLEAR_STILL_AFFECTED, "Il problema rilevato il {since} non si verifica più dal {at}. Il "
                        + "servizio {service} è però ancora interessato da un altro incidente in corso («{incident}»), "
                        + "a cui fare riferimento per gli aggiornamenti."),
                entry(STILL_AFFECTED, "Il servizio {service} è ancora interessato da un altro incidente in corso "
                        + "(«{incident}»), a cui fare riferimento per gli aggiornamenti."),
                entry(CORRECTED, "Il servizio {service} funziona di nuovo regolarmente e non è interessato da altri "
                        + "incidenti in corso."),
                entry(ALARM_DELETED, "Il servizio {service} funziona di nuovo regolarmente. Continuiamo a monitorare "
                        + "la situazione."),
                entry(DUPLICATE, "Questo incidente è un duplicato ed è stato chiuso. Gli aggiornamenti proseguono "
                        + "nell'altro incidente relativo al servizio {service}, aperto nello stesso momento."),
                entry(JOINED, "Dal {since} il problema interessa anche il servizio {service}. Continuiamo ad "
                        + "analizzare le cause e pubblicheremo un aggiornamento non appena avremo maggiori "
                        + "informazioni."),
                entry(JOINED_QUIETLY, "Le verifiche sono ancora in corso."),
                entry(RECOVERED, "Il servizio {service} funziona di nuovo regolarmente dal {at}. Il problema interessa "
                        + "ancora {others}: stiamo lavorando per risolverlo.")),
                PLURALS.getOrDefault(Language.IT, Map.of()),
                statuses("disservizio", "prestazioni ridotte", "funzionamento regolare"),
                sources("allarme CloudWatch", "monitor Uptrends", "avviso Prometheus", "avviso Grafana"),
                "", "e", "altri %d servizi"));
    }

    private static Map<ServiceStatus, String> statuses(String down, String degraded, String up) {
        Map<ServiceStatus, String> words = new EnumMap<>(ServiceStatus.class);
        words.put(ServiceStatus.DOWN, down);
        words.put(ServiceStatus.DEGRADED_PERFORMANCE, degraded);
        words.put(ServiceStatus.UP, up);
        return words;
    }

    private static Map<AlertSource, String> sources(String cloudWatch, String uptrends, String prometheus,
            String grafana) {
        Map<AlertSource, String> names = new EnumMap<>(AlertSource.class);
        names.put(AlertSource.CLOUDWATCH, cloudWatch);
        names.put(AlertSource.UPTRENDS, uptrends);
        names.put(AlertSource.ALERTMANAGER, prometheus);
        names.put(AlertSource.GRAFANA, grafana);
        return names;
    }
}
