package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.PagePolicy;
import dev.alertbridge.config.Publish;
import dev.alertbridge.config.Publish.Dates;
import dev.alertbridge.config.Publish.Language;
import dev.alertbridge.config.Publish.Text;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.transition.ServiceView.Held;

/**
 * What the page reads: every named text in every situation and language says nothing its own update contradicts;
 * templates are filled in and an empty value takes its separator with it, so the page never reads "Checkout: .";
 * times are told in the team's zone and notation.
 */
class PageTextsTest {
    private static final Map<String, String> FACTS = Map.of("service", "Checkout", "alert", "ServerCpuTooHigh",
            "description", "", "since", "2019-10-02 17:04 UTC");
    private static final Instant OPENED = Instant.parse("2019-10-02T17:04:40Z");
    private static final Instant CLEARED = Instant.parse("2019-10-02T17:34:40Z");
    private static final String ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh";
    private static final Alert ALERT = Alert.of(AlertSource.CLOUDWATCH, ARN)
            .knownAs(List.of("ServerCpuTooHigh", ARN)).titled("ServerCpuTooHigh")
            .described("Goes into alarm when server CPU utilization is too high!").opens(ARN + "@" + OPENED, OPENED)
            .at(OPENED);
    private static final IncidentRef REF = IncidentRef.of(ALERT, ServiceStatus.DOWN);
    private static final Held PERSONS_DOWN = new Held("9", "Payment provider outage", ServiceStatus.DOWN, true);
    private static final Held PERSONS_DEGRADED = new Held("9", "Payment provider outage",
            ServiceStatus.DEGRADED_PERFORMANCE, true);
    private final PageTexts texts = new PageTexts();

    @Test
    void render_everyPlaceholder_isFilledIn() {
        assertThat(PageTexts.render("{service} ({alert}) since {since}", FACTS))
                .isEqualTo("Checkout (ServerCpuTooHigh) since 2019-10-02 17:04 UTC");
    }

    @Test
    void render_anEmptyValue_leavesNoDanglingSeparatorBracketOrBlank() {
        assertThat(PageTexts.render("{service}: {description}", FACTS)).isEqualTo("Checkout");
        assertThat(PageTexts.render("{description} – {service} is down.", FACTS)).isEqualTo("Checkout is down.");
        assertThat(PageTexts.render("{service} is down ({description}).", FACTS)).isEqualTo("Checkout is down.");
        assertThat(PageTexts.render("{service} is down {description}.", FACTS)).isEqualTo("Checkout is down.");
    }

    @Test
    void render_frenchSpacing_isKeptWhereNothingIsEmpty() {
        assertThat(PageTexts.render("{service} : perturbation ; {alert} !", FACTS))
                .isEqualTo("Checkout : perturbation ; ServerCpuTooHigh !");
    }

    @Test
    void render_anEmptyTime_takesTheWordsThatIntroduceIt() {
        assertThat(PageTexts.render("{service} has been operating normally since {at}.", FACTS))
                .isEqualTo("Checkout has been operating normally.");
        assertThat(PageTexts.render("Le service {service} fonctionne de nouveau normalement depuis le {at}.", FACTS))
                .isEqualTo("Le service Checkout fonctionne de nouveau normalement.");
        assertThat(PageTexts.render("{service} funktioniert seit {at} wieder normal.", FACTS))
                .isEqualTo("Checkout funktioniert wieder normal.");
        assertThat(PageTexts.render("Il servizio {service} funziona regolarmente dal {at}.", FACTS))
                .isEqualTo("Il servizio Checkout funziona regolarmente.");
    }

    @Test
    void render_anEmptyQuotedIncident_takesItsQuotesAndCommaWithIt() {
        assertThat(PageTexts.render("{service} is still affected by another ongoing incident, “{incident}”; please "
                + "follow it.", FACTS)).isEqualTo("Checkout is still affected by another ongoing incident; please "
                        + "follow it.");
        assertThat(PageTexts.render("Le service {service} reste concerné par un autre incident en cours, "
                + "«\u202F{incident}\u202F»\u202F: consultez-le.", FACTS))
                .isEqualTo("Le service Checkout reste concerné par un autre incident en cours\u202F: consultez-le.");
        assertThat(PageTexts.render("{service} ist durch einen anderen Vorfall („{incident}“) weiterhin "
                + "beeinträchtigt.", FACTS)).isEqualTo("Checkout ist durch einen anderen Vorfall weiterhin "
                        + "beeinträchtigt.");
        assertThat(PageTexts.render("Il servizio {service} è interessato da un altro incidente in corso "
                + "(«{incident}»), a cui fare riferimento.", FACTS)).isEqualTo("Il servizio Checkout è interessato "
                        + "da un altro incidente in corso, a cui fare riferimento.");
    }

    // --- No text contradicts its own update -------------------------------------------------------------------

    /** One update the bridge may write: the status it sets on the service, the text expected, how it is made. */
    private record Situation(String name, ServiceStatus sets, Text text,
            BiFunction<PageTexts, LinkedService, String> write) {
    }

    private static List<Situation> situations() {
        ServiceStatus down = ServiceStatus.DOWN;
        ServiceStatus degraded = ServiceStatus.DEGRADED_PERFORMANCE;
        ServiceStatus up = ServiceStatus.UP;
        IncidentRef cleared = REF.clearedAt(CLEARED);
        return List.of(
                new Situation("title", down, Text.TITLE, (t, s) -> t.title(ALERT, s, down, OPENED)),
                new Situation("degraded title", degraded, Text.TITLE, (t, s) -> t.title(ALERT, s, degraded, OPENED)),
                new Situation("open", down, Text.OPEN, (t, s) -> t.opening(ALERT, s, down, down, OPENED, REF)),
                new Situation("degraded open", degraded, Text.OPEN,
                        (t, s) -> t.opening(ALERT, s, degraded, degraded, OPENED, REF)),
                new Situation("degraded open, held down", down, Text.OPEN,
                        (t, s) -> t.opening(ALERT, s, degraded, down, OPENED, REF)),
                new Situation("reopen", down, Text.REOPEN, (t, s) -> t.reopening(ALERT, s, down, down, OPENED, REF)),
                new Situation("degraded reopen", degraded, Text.REOPEN,
                        (t, s) -> t.reopening(ALERT, s, degraded, degraded, OPENED, REF)),
                new Situation("clear", up, Text.CLEAR,
                        (t, s) -> t.clearing(ALERT, s, OPENED, CLEARED, Optional.empty(), cleared)),
                new Situation("clear, held down", down, Text.STILL_AFFECTED,
                        (t, s) -> t.clearing(ALERT, s, OPENED, CLEARED, Optional.of(PERSONS_DOWN), cleared)),
                new Situation("clear, held degraded", degraded, Text.STILL_AFFECTED,
                        (t, s) -> t.clearing(ALERT, s, OPENED, CLEARED, Optional.of(PERSONS_DEGRADED), cleared)),
                new Situation("correction to up", up, Text.CORRECTED,
                        (t, s) -> t.correction(s, up, Optional.empty(), OPENED, CLEARED, cleared)),
                new Situation("correction to down", down, Text.STILL_AFFECTED,
                        (t, s) -> t.correction(s, down, Optional.of(PERSONS_DOWN), OPENED, CLEARED, cleared)),
                new Situation("correction to degraded", degraded, Text.STILL_AFFECTED,
                        (t, s) -> t.correction(s, degraded, Optional.of(PERSONS_DEGRADED), OPENED, CLEARED, cleared)),
                new Situation("correction to its own status", degraded, Text.OPEN,
                        (t, s) -> t.correction(s, degraded, Optional.empty(), OPENED, CLEARED, REF)),
                new Situation("deleted alarm", up, Text.CLEAR,
                        (t, s) -> t.alarmDeleted(s, Optional.empty(), OPENED, cleared)),
                new Situation("deleted alarm, held down", down, Text.STILL_AFFECTED,
                        (t, s) -> t.alarmDeleted(s, Optional.of(PERSONS_DOWN), OPENED, cleared)),
                new Situation("deleted alarm, held degraded", degraded, Text.STILL_AFFECTED,
                        (t, s) -> t.alarmDeleted(s, Optional.of(PERSONS_DEGRADED), OPENED, cleared)),
                new Situation("duplicate", down, Text.DUPLICATE, (t, s) -> t.duplicate(s, down, REF)),
                new Situation("degraded duplicate", degraded, Text.DUPLICATE, (t, s) -> t.duplicate(s, degraded, REF)),
                new Situation("joined", down, Text.JOINED,
                        (t, s) -> t.sharedJoined(ALERT, s, List.of(s.service().name()), down, OPENED, true, List.of(REF))),
                new Situation("quiet join", degraded, Text.JOINED,
                        (t, s) -> t.sharedJoined(ALERT, s, List.of(s.service().name()), degraded, OPENED, false,
                                List.of(REF))),
                new Situation("recovered", up, Text.RECOVERED, (t, s) -> t.sharedRecovered(ALERT, s,
                        List.of(s.service().name()), List.of("Search", "Payments"), OPENED, CLEARED, List.of(cleared))));
    }

    /** How each language says "operating normally": no text on an update setting a problem may contain it. */
    private static final Map<Language, List<String>> NORMALLY = Map.of(Language.EN, List.of("normal"),
            Language.FR, List.of("normal"), Language.NL, List.of("normaal", "normale"), Language.DE,
            List.of("normal"), Language.ES, List.of("normal"), Language.IT, List.of("regolar"));
    /** A team's words for it, as the design's French example writes them. */
    private static final Map<Language, String> TEAMS_NORMALLY = Map.of(Language.EN, "is operating normally",
            Language.FR, "fonctionne de nouveau normalement", Language.NL, "werkt weer normaal", Language.DE,
            "funktioniert wieder normal", Language.ES, "funciona con normalidad", Language.IT,
            "funziona regolarmente");

    static Stream<Arguments> everyLanguageWithAndWithoutTemplates() {
        return Stream.of(Language.values()).flatMap(l -> Stream.of(Arguments.of(l, false), Arguments.of(l, true)));
    }

    @ParameterizedTest(name = "{0}, team templates: {1}")
    @MethodSource("everyLanguageWithAndWithoutTemplates")
    void everyText_inEverySituation_saysNothingItsOwnUpdateContradicts(Language language, boolean teamTemplates) {
        Map<Text, String> templates = new EnumMap<>(Text.class);
        if (teamTemplates) {
            for (Text text : Text.values()) {
                templates.put(text, "[" + text.field() + "] {service} {status} {since} {at} {incident} {others}"
                        + (List.of(Text.CLEAR, Text.CORRECTED, Text.RECOVERED).contains(text)
                                ? " " + TEAMS_NORMALLY.get(language)
                                : "")
                        + ".");
            }
        }
        LinkedService service = checkout(new Publish(language, null, null, null, templates));
        SoftAssertions softly = new SoftAssertions();
        for (Situation situation : situations()) {
            String text = situation.write().apply(texts, service);
            String words = text.contains("\n\n") ? text.substring(0, text.indexOf("\n\n")) : text;
            String lower = words.toLowerCase(Locale.ROOT);
            if (situation.sets() == ServiceStatus.UP) {
                softly.assertThat(NORMALLY.get(language)).as("%s says it is operating normally: %s", situation.name(),
                        words).anyMatch(lower::contains);
            } else {
                softly.assertThat(NORMALLY.get(language)).as("%s sets %s: %s", situation.name(), situation.sets(),
                        words).noneMatch(lower::contains);
            }
            if (teamTemplates) {
                softly.assertThat(words).as(situation.name()).startsWith("[" + situation.text().field() + "]");
                if (situation.sets() == ServiceStatus.UP) {
                    softly.assertThat(situation.text()).as(situation.name())
                            .isIn(Text.CLEAR, Text.CORRECTED, Text.RECOVERED);
                }
            }
            softly.assertThat(words).as(situation.name()).doesNotContain("{", "}", "\u0000", "\u0001", "  ", " .",
                    "ServerCpuTooHigh", "utilization", "48213").isNotBlank();
            if (!situation.name().contains("title")) {
                softly.assertThat(text).as(situation.name()).contains("\n\n" + REF.line(language.code()));
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void stillAffected_pointsToTheIncidentThatHoldsTheServiceByItsTitle(Language language) {
        LinkedService service = checkout(new Publish(language, null, null, null, null));

        assertThat(texts.clearing(ALERT, service, OPENED, CLEARED, Optional.of(PERSONS_DOWN), REF))
                .contains("Payment provider outage");
        assertThat(texts.correction(service, ServiceStatus.DOWN, Optional.of(PERSONS_DOWN), OPENED, CLEARED, REF))
                .contains("Payment provider outage");
        assertThat(texts.alarmDeleted(service, Optional.of(PERSONS_DOWN), OPENED, REF))
                .contains("Payment provider outage");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void duplicate_namesTheServiceNeverAnIncidentId(Language language) {
        assertThat(texts.duplicate(checkout(new Publish(language, null, null, null, null)), ServiceStatus.DOWN, REF))
                .satisfies(text -> assertThat(words(text)).contains("Checkout").doesNotContainPattern("\\d"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void alarmDeleted_saysNoTimeAndNothingAboutMonitoring(Language language) {
        String text = texts.alarmDeleted(checkout(new Publish(language, null, null, null, null)), Optional.empty(),
                OPENED, REF.clearedAt(CLEARED));

        assertThat(text.substring(0, text.indexOf("\n\n"))).doesNotContain("2019", "17:", "UTC")
                .doesNotContainIgnoringCase("removed").doesNotContainIgnoringCase("retirée")
                .doesNotContainIgnoringCase("verwijderd").doesNotContainIgnoringCase("entfernt")
                .doesNotContainIgnoringCase("retiró");
    }

    @Test
    void alarmDeleted_withTheTeamsClear_dropsTheTimeAndTheWordsIntroducingIt() {
        LinkedService service = checkout(new Publish(Language.FR, null, null, null, Map.of(Text.CLEAR,
                "Le service {service} fonctionne de nouveau normalement depuis le {at}.")));

        assertThat(texts.alarmDeleted(service, Optional.empty(), OPENED, REF))
                .startsWith("Le service Checkout fonctionne de nouveau normalement.\n\n");
    }

    @Test
    void reopening_usesTheTeamsOpenWhenItWroteNoReopen() {
        LinkedService service = checkout(new Publish(null, null, null, null, Map.of(Text.OPEN, "Down: {service}.")));

        assertThat(texts.reopening(ALERT, service, ServiceStatus.DOWN, ServiceStatus.DOWN, OPENED, REF))
                .startsWith("Down: Checkout.\n\n");
    }

    @Test
    void recovered_listsTheOthersInTheLanguage() {
        PageLanguage en = PageLanguage.of(Language.EN);
        assertThat(en.list(List.of("Checkout", "Search"))).isEqualTo("Checkout and Search");
        assertThat(en.list(List.of("Checkout", "Search", "Payments"))).isEqualTo("Checkout, Search and Payments");
        assertThat(en.list(List.of("A", "B", "C", "D"))).isEqualTo("A, B, C and D");
        assertThat(en.list(List.of("A", "B", "C", "D", "E", "F", "G"))).isEqualTo("A, B, C and 4 more services");
        assertThat(PageLanguage.of(Language.ES).list(List.of("Pagos", "Integraciones"))).isEqualTo(
                "Pagos e Integraciones");
        assertThat(PageLanguage.of(Language.IT).list(List.of("A", "B", "C", "D", "E"))).isEqualTo(
                "A, B, C e altri 2 servizi");
        LinkedService frenchCheckout = checkout(new Publish(Language.FR, null, null, null, null));
        assertThat(texts.sharedRecovered(ALERT, frenchCheckout, List.of(frenchCheckout.service().name()),
                List.of("Search", "Paiements"), OPENED, CLEARED, List.of(REF))).startsWith("Le service Checkout fonctionne de "
                        + "nouveau normalement depuis le 2019-10-02 17:34 UTC. Le problème affecte toujours Search et "
                        + "Paiements et nous continuons d'y travailler.");
    }

    // --- A shared incident: {service} lists several services -------------------------------------------------

    /** A shared incident's update: the status it sets on the listed services, whether it names them, how it is made. */
    private record SharedSituation(String name, ServiceStatus sets, boolean namesThem,
            Function<List<String>, BiFunction<PageTexts, LinkedService, String>> write) {
    }

    private static final IncidentRef MEMBER = IncidentRef.member(ALERT, IncidentRef.groupOf("name:shop"),
            Map.of(101L, ServiceStatus.DOWN));
    private static final List<String> OTHERS = List.of("Billing", "Reports");

    private static List<SharedSituation> sharedSituations() {
        ServiceStatus down = ServiceStatus.DOWN;
        ServiceStatus degraded = ServiceStatus.DEGRADED_PERFORMANCE;
        ServiceStatus up = ServiceStatus.UP;
        List<IncidentRef> members = List.of(MEMBER);
        List<IncidentRef> cleared = List.of(MEMBER.clearedAt(CLEARED));
        return List.of(
                new SharedSituation("title", down, true, n -> (t, s) -> t.sharedTitle(s, n, down)),
                new SharedSituation("degraded title", degraded, true, n -> (t, s) -> t.sharedTitle(s, n, degraded)),
                new SharedSituation("opening", down, true,
                        n -> (t, s) -> t.sharedOpening(ALERT, s, n, down, down, OPENED, members)),
                new SharedSituation("degraded opening", degraded, true,
                        n -> (t, s) -> t.sharedOpening(ALERT, s, n, degraded, degraded, OPENED, members)),
                new SharedSituation("joined", down, true,
                        n -> (t, s) -> t.sharedJoined(ALERT, s, n, down, CLEARED, true, members)),
                new SharedSituation("quiet join", degraded, false,
                        n -> (t, s) -> t.sharedJoined(ALERT, s, n, degraded, CLEARED, false, members)),
                new SharedSituation("recovered", up, true,
                        n -> (t, s) -> t.sharedRecovered(ALERT, s, n, OTHERS, OPENED, CLEARED, cleared)),
                new SharedSituation("cleared", up, true, n -> (t, s) -> t.sharedCleared(ALERT, s, n, List.of(),
                        Optional.empty(), OPENED, CLEARED, cleared)),
                new SharedSituation("cleared, still affected", down, true, n -> (t, s) -> t.sharedCleared(ALERT, s,
                        n, n, Optional.of(PERSONS_DOWN), OPENED, CLEARED, cleared)),
                new SharedSituation("cleared, still degraded", degraded, true, n -> (t, s) -> t.sharedCleared(ALERT,
                        s, n, n, Optional.of(PERSONS_DEGRADED), OPENED, CLEARED, cleared)));
    }

    /**
     * How each language lists the services: two; five in a title or as a sentence's own subject; five right after
     * the language's word for services (<i>les services …</i>), where the count goes bare; four are all named.
     */
    private record Lists(String two, String four, String five, String fiveInBody, String others) {
    }

    private static final Map<Language, Lists> LISTS = Map.of(
            Language.EN, new Lists("Checkout and Search", "Checkout, Search, Payments and Login",
                    "Checkout, Search, Payments and 2 more services",
                    "Checkout, Search, Payments and 2 more services", "Billing and Reports"),
            Language.FR, new Lists("Checkout et Search", "Checkout, Search, Payments et Login",
                    "Checkout, Search, Payments et 2 autres services",
                    "Checkout, Search, Payments et 2 autres", "Billing et Reports"),
            Language.NL, new Lists("Checkout en Search", "Checkout, Search, Payments en Login",
                    "Checkout, Search, Payments en 2 andere diensten",
                    "Checkout, Search, Payments en 2 andere diensten", "Billing en Reports"),
            Language.DE, new Lists("Checkout und Search", "Checkout, Search, Payments und Login",
                    "Checkout, Search, Payments und 2 weitere Dienste",
                    "Checkout, Search, Payments und 2 weitere Dienste", "Billing und Reports"),
            Language.ES, new Lists("Checkout y Search", "Checkout, Search, Payments y Login",
                    "Checkout, Search, Payments y otros 2 servicios",
                    "Checkout, Search, Payments y otros 2", "Billing y Reports"),
            Language.IT, new Lists("Checkout e Search", "Checkout, Search, Payments e Login",
                    "Checkout, Search, Payments e altri 2 servizi",
                    "Checkout, Search, Payments e altri 2", "Billing e Reports"));

    /**
     * What reads singular next to a list of services, per language: {@code %1$s} is the list's first word, {@code %2$s}
     * its last (a verb agreeing with it follows).
     */
    private static final Map<Language, List<String>> SINGULAR_ONLY = Map.of(
            Language.EN, List.of("\\b%2$s (?:is|has)\\b", "\\baffecting it\\b"),
            Language.FR, List.of("\\bservice %1$s", "\\b%2$s (?:fonctionne|reste|est)\\b",
                    "\\b(?:concerné|perturbé)\\b", "\\bl'affecte\\b"),
            Language.NL, List.of("\\b%2$s (?:werkt|ondervindt)\\b", "\\b(?:werkt|reageert) %1$s"),
            Language.DE, List.of("\\b%2$s (?:ist|funktioniert)\\b", "\\b(?:ist|reagiert) %1$s"),
            Language.ES, List.of("\\bservicio %1$s", "\\b%2$s (?:funciona|responde|vuelve)\\b",
                    "\\binterrumpido\\b", "\\blo afecte\\b"),
            Language.IT, List.of("\\bservizio %1$s", "\\b%2$s (?:funziona|è)\\b", "\\binteressato\\b"));

    private static void assertReadsPlural(SoftAssertions softly, Language language, String name, String list,
            String words) {
        for (String singular : SINGULAR_ONLY.get(language)) {
            Pattern pattern = Pattern.compile(singular.formatted(list.substring(0, list.indexOf(' ')),
                    list.substring(list.lastIndexOf(' ') + 1)), Pattern.UNICODE_CHARACTER_CLASS);
            softly.assertThat(words).as("%s reads singular (%s): %s", name, pattern, words)
                    .doesNotContainPattern(pattern);
        }
    }

    static Stream<Arguments> everyLanguageWithTwoAndFiveServices() {
        List<String> two = List.of("Checkout", "Search");
        List<String> five = List.of("Checkout", "Search", "Payments", "Login", "Mail");
        return Stream.of(Language.values()).flatMap(l -> Stream.of(Arguments.of(l, two), Arguments.of(l, five)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyLanguageWithTwoAndFiveServices")
    void everySharedText_namingSeveralServices_speaksOfThemInThePluralAndListsThemInTheLanguage(Language language,
            List<String> names) {
        LinkedService service = checkout(new Publish(language, null, null, null, null));
        Lists lists = LISTS.get(language);
        SoftAssertions softly = new SoftAssertions();
        for (SharedSituation situation : sharedSituations()) {
            String text = situation.write().apply(names).apply(texts, service);
            boolean title = situation.name().contains("title");
            String words = title ? text : words(text);
            String list = names.size() == 2 ? lists.two() : title ? lists.five() : lists.fiveInBody();
            if (situation.namesThem()) {
                softly.assertThat(words).as("%s lists the services: %s", situation.name(), words).contains(list);
                if (!list.equals(lists.five())) {
                    softly.assertThat(words).as("%s says the word for services once: %s", situation.name(), words)
                            .doesNotContain(lists.five());
                }
            } else {
                softly.assertThat(words).as("%s names nobody: %s", situation.name(), words).doesNotContain("Checkout");
            }
            if (situation.name().equals("recovered")) {
                softly.assertThat(words).as("recovered lists the others: %s", words).contains(lists.others());
            }
            assertReadsPlural(softly, language, situation.name(), list, words);
            String lower = words.toLowerCase(Locale.ROOT);
            if (situation.sets() == ServiceStatus.UP) {
                softly.assertThat(NORMALLY.get(language)).as("%s says they are operating normally: %s",
                        situation.name(), words).anyMatch(lower::contains);
            } else {
                softly.assertThat(NORMALLY.get(language)).as("%s sets %s: %s", situation.name(), situation.sets(),
                        words).noneMatch(lower::contains);
            }
            softly.assertThat(words).as(situation.name()).doesNotContain("{", "}", "\u0000", "\u0001", "  ", " .",
                    "ServerCpuTooHigh", "utilization").isNotBlank();
        }
        softly.assertAll();
    }

    /** Every built-in sentence, shared-incident texts or not, has the plural form a list of services needs. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void everySentence_withAListOfServices_readsPlural(Language language) {
        PageLanguage words = PageLanguage.of(language);
        Lists lists = LISTS.get(language);
        SoftAssertions softly = new SoftAssertions();
        for (PageLanguage.Sentence sentence : PageLanguage.Sentence.values()) {
            for (String list : List.of(lists.two(), lists.five())) {
                String text = PageTexts.render(words.sentence(sentence, true), Map.of("service", list, "others",
                        lists.others(), "incident", "Payment provider outage", "since", "2019-10-02 17:04 UTC", "at",
                        "2019-10-02 17:34 UTC"));
                assertReadsPlural(softly, language, sentence.name(), list, text);
            }
        }
        softly.assertAll();
    }

    @Test
    void list_ofEveryLanguage_namesAFourthServiceAndCountsFromAFifth() {
        for (Language language : Language.values()) {
            PageLanguage words = PageLanguage.of(language);
            Lists lists = LISTS.get(language);
            assertThat(words.list(List.of("Checkout", "Search"))).isEqualTo(lists.two());
            assertThat(words.list(List.of("Checkout", "Search", "Payments", "Login", "Mail"))).isEqualTo(lists.five());
            assertThat(words.list(List.of("Checkout", "Search", "Payments", "Login"))).isEqualTo(lists.four());
        }
    }

    // --- Dates -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            EN | UTC           | ISO  | 2019-10-02 17:04 UTC
            FR | Europe/Paris  | ISO  | 2019-10-02 19:04 UTC+2
            EN | Asia/Kolkata  | ISO  | 2019-10-02 22:34 UTC+5:30
            EN | America/St_Johns | ISO | 2019-10-02 14:34 UTC-2:30
            EN | UTC           | LONG | 17:04 UTC on 2 October 2019
            EN | Europe/London | LONG | 18:04 UTC+1 on 2 October 2019
            FR | UTC           | LONG | 2 octobre 2019 à 17 h 04 (UTC)
            FR | Europe/Paris  | LONG | 2 octobre 2019 à 19 h 04 (UTC+2)
            NL | UTC           | LONG | 2 oktober 2019 om 17.04 uur (UTC)
            NL | Europe/Amsterdam | LONG | 2 oktober 2019 om 19.04 uur (UTC+2)
            DE | UTC           | LONG | 02.10.2019, 17:04 Uhr (UTC)
            DE | Europe/Berlin | LONG | 02.10.2019, 19:04 Uhr (UTC+2)
            ES | UTC           | LONG | 2 de octubre de 2019 a las 17:04 (UTC)
            ES | Europe/Madrid | LONG | 2 de octubre de 2019 a las 19:04 (UTC+2)
            IT | UTC           | LONG | 2 ottobre 2019 alle 17:04 (UTC)
            IT | Europe/Rome   | LONG | 2 ottobre 2019 alle 19:04 (UTC+2)
            """)
    void format_aTime_isWrittenInTheZoneAndNotationOfTheLanguage(Language language, String zone, Dates style,
            String expected) {
        assertThat(new PageDates(language, ZoneId.of(zone), style).format(OPENED).replace('\u00A0', ' '))
                .isEqualTo(expected);
    }

    @Test
    void format_theFirstOfTheMonthInFrenchAndOneOClockInSpanish_readAsNativesWriteThem() {
        Instant first = Instant.parse("2019-10-01T01:04:00Z");
        assertThat(new PageDates(Language.FR, ZoneId.of("UTC"), Dates.LONG).format(first))
                .isEqualTo("1er octobre 2019 à 01\u00A0h\u00A004 (UTC)");
        assertThat(new PageDates(Language.ES, ZoneId.of("UTC"), Dates.LONG).format(first))
                .isEqualTo("1 de octubre de 2019 a la 01:04 (UTC)");
    }

    @Test
    void opening_inItalianOnThe8thAndThe11th_elidesTheArticle() {
        LinkedService service = checkout(new Publish(Language.IT, ZoneId.of("Europe/Rome"), Dates.LONG, null,
                Map.of(Text.CLEAR, "Risolto il {at}, iniziato il {since}.")));
        Instant eighth = Instant.parse("2019-10-08T07:00:00Z");
        Instant eleventh = Instant.parse("2019-10-11T07:00:00Z");

        assertThat(texts.opening(ALERT, service, ServiceStatus.DOWN, ServiceStatus.DOWN, eighth, REF))
                .startsWith("Dall'8 ottobre 2019 alle 09:00 (UTC+2) è in corso un disservizio che interessa il "
                        + "servizio Checkout.");
        assertThat(texts.clearing(ALERT, service, eighth, eleventh, Optional.empty(), REF))
                .startsWith("Risolto l'11 ottobre 2019 alle 09:00 (UTC+2), iniziato l'8 ottobre 2019 alle 09:00 "
                        + "(UTC+2).");
        assertThat(texts.opening(ALERT, service, ServiceStatus.DOWN, ServiceStatus.DOWN,
                Instant.parse("2019-10-01T07:00:00Z"), REF)).startsWith("Dal 1 ottobre 2019");
    }

    // --- The documentation ------------------------------------------------------------------------------------

    /**
     * The tables of docs/configuration.md of what one alarm puts on the page in each language are what the bridge
     * writes.
     */
    @ParameterizedTest
    @EnumSource(Language.class)
    void theConfigurationPageShowsWhatEachLanguageWrites(Language language) throws Exception {
        String page = Files.readString(Path.of("docs", "configuration.md"));
        LinkedService service = checkout(new Publish(language, null, null, null, null));
        IncidentRef cleared = REF.clearedAt(CLEARED);
        String opening = words(texts.opening(ALERT, service, ServiceStatus.DOWN, ServiceStatus.DOWN, OPENED, REF));
        assertThat(opening).doesNotContain("ServerCpuTooHigh", "utilization");
        assertThat(page).contains("| `" + language.code() + "` | " + texts.title(ALERT, service, ServiceStatus.DOWN,
                OPENED) + " | " + opening + " | "
                + words(texts.clearing(ALERT, service, OPENED, CLEARED,
                        Optional.empty(), cleared))
                + " |");

        LinkedService local = checkout(new Publish(language, ZoneId.of(LOCAL_ZONES.get(language)), Dates.LONG, null,
                null));
        assertThat(page).contains("| `" + language.code() + "` | `" + LOCAL_ZONES.get(language) + "` | "
                + words(texts.opening(ALERT, local, ServiceStatus.DOWN, ServiceStatus.DOWN, OPENED, REF)) + " | "
                + words(texts.clearing(ALERT, local, OPENED, CLEARED, Optional.empty(), cleared)) + " |");

        List<String> rows = new ArrayList<>();
        rows.add(row(language, "open (degraded)", texts.opening(ALERT, service, ServiceStatus.DEGRADED_PERFORMANCE,
                ServiceStatus.DEGRADED_PERFORMANCE, OPENED, REF)));
        rows.add(row(language, "reopen", texts.reopening(ALERT, service, ServiceStatus.DOWN, ServiceStatus.DOWN,
                OPENED, REF)));
        rows.add(row(language, "stillAffected (clear)", texts.clearing(ALERT, service, OPENED, CLEARED,
                Optional.of(PERSONS_DOWN), cleared)));
        rows.add(row(language, "stillAffected", texts.correction(service, ServiceStatus.DOWN,
                Optional.of(PERSONS_DOWN), OPENED, CLEARED, cleared)));
        rows.add(row(language, "corrected", texts.correction(service, ServiceStatus.UP, Optional.empty(), OPENED,
                CLEARED, cleared)));
        rows.add(row(language, "clear (deleted alarm)", texts.alarmDeleted(service, Optional.empty(), OPENED,
                cleared)));
        rows.add(row(language, "duplicate", texts.duplicate(service, ServiceStatus.DOWN, REF)));
        List<String> named = List.of(service.service().name());
        rows.add(row(language, "joined", texts.sharedJoined(ALERT, service, named, ServiceStatus.DOWN, OPENED, true,
                List.of(REF))));
        rows.add(row(language, "recovered", texts.sharedRecovered(ALERT, service, named,
                List.of("Search", "Payments"), OPENED, CLEARED, List.of(cleared))));
        assertThat(page).contains(rows);
    }

    private static final Map<Language, String> LOCAL_ZONES = Map.of(Language.EN, "Europe/London", Language.FR,
            "Europe/Paris", Language.NL, "Europe/Amsterdam", Language.DE, "Europe/Berlin", Language.ES,
            "Europe/Madrid", Language.IT, "Europe/Rome");

    private static String row(Language language, String name, String text) {
        return "| `" + language.code() + "` | " + name + " | " + words(text) + " |";
    }

    /** The text without the reference line, as the documentation shows it (no-break spaces as plain ones). */
    private static String words(String text) {
        return text.substring(0, text.indexOf("\n\n")).replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    private static LinkedService checkout(Publish publish) {
        return new LinkedService(ServiceTarget.viaApi("checkout", "Checkout", 101L), ServiceStatus.DOWN,
                WriteMode.LIVE, new PagePolicy(publish, null, null, null, null));
    }
}
