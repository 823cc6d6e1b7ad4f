package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public page is read by customers: titles and texts come from the team's templates ({@code publish}) in the
 * hub's language, or from built-in texts that keep alarm names and descriptions off the page; subscribers are
 * notified as the team said. Each scenario is CloudWatch's ServerCpuTooHigh opening at 17:04 and clearing at 17:34
 * on Checkout, and what StatusHub received.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ThePageSpeaksForTheTeamTest {
    private static final String ALARM_DESCRIPTION = "Goes into alarm when server CPU utilization is too high!";

    @BeforeEach
    void reset() {
        Neighbours.resetToDefaults();
    }

    /** A configuration with Checkout (101) and Search (102) and these extra parts. */
    private static void configure(String publish, String checkoutPublish, String links) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101%s},
                                      "search": {"name": "Search", "serviceId": 102}},
                         "links": %s%s}
                        """.formatted(Neighbours.baseUrl(), checkoutPublish == null ? ""
                        : ", \"publish\": " + checkoutPublish, links,
                        publish == null ? ""
                                : ", \"publish\": " + publish))));
    }

    private static final String CHECKOUT_LINK = "[{\"monitor\": \"ServerCpuTooHigh\", \"services\": [\"checkout\"]}]";

    private static void openAndClear() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200);
    }

    /** What StatusHub received: the creates, then the updates, as JSON bodies. */
    private static List<JsonNode> creates() {
        return Journal.createBodies();
    }

    private static List<JsonNode> updates() {
        return Journal.updateBodies();
    }

    @Test
    void withNoPublishBlockThePageReadsPlainEnglishWithNoAlarmNameOrDescription() {
        configure(null, null, CHECKOUT_LINK);

        openAndClear();

        JsonNode create = creates().get(0);
        assertThat(create.get("title").asText()).isEqualTo("Checkout: Service disruption");
        assertThat(create.get("body").asText()).startsWith("We are investigating a disruption to Checkout that "
                + "began at 2019-10-02 17:04 UTC. We will post an update as soon as we know more.\n\nRef. ")
                .doesNotContain("ServerCpuTooHigh", ALARM_DESCRIPTION, "Posted automatically", "123456789012");
        JsonNode clear = updates().get(0);
        assertThat(clear.has("title")).as("a clear never re-sends the title (a person's retitle stands)").isFalse();
        assertThat(clear.get("body").asText()).startsWith("Checkout has been operating normally since "
                + "2019-10-02 17:34 UTC. We are continuing to monitor the situation.\n\nRef. ");
        assertThat(create.has("silent") || clear.has("silent")).as("notify: all sends no silent flag").isFalse();
    }

    @Test
    void aFrenchHubReadsTheTeamsTemplates() {
        configure("""
                {"language": "fr", "title": "{service} : perturbation en cours",
                 "open": "Nous constatons une perturbation du service {service} depuis le {since}.",
                 "clear": "Le service {service} fonctionne de nouveau normalement depuis le {at}."}""", null,
                CHECKOUT_LINK);

        openAndClear();

        assertThat(creates().get(0).get("title").asText()).isEqualTo("Checkout : perturbation en cours");
        assertThat(creates().get(0).get("body").asText()).startsWith("Nous constatons une perturbation du service "
                + "Checkout depuis le 2019-10-02 17:04 UTC.\n\nRéf. ");
        assertThat(updates().get(0).get("body").asText()).startsWith("Le service Checkout fonctionne de nouveau "
                + "normalement depuis le 2019-10-02 17:34 UTC.\n\nRéf. ");
        assertThat(Neighbours.statusHub().incidents().get(0).at("/incident_updates/0/incident_type").asText())
                .isEqualTo("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void aDutchHubWithNoTemplatesReadsTheBuiltInDutchTexts() {
        configure("{\"language\": \"nl\"}", null, CHECKOUT_LINK);

        openAndClear();

        assertThat(creates().get(0).get("title").asText()).isEqualTo("Checkout: storing");
        assertThat(creates().get(0).get("body").asText()).startsWith("Sinds 2019-10-02 17:04 UTC is er een storing "
                + "bij Checkout. We onderzoeken de oorzaak en houden u op de hoogte.").doesNotContain(
                        "ServerCpuTooHigh", ALARM_DESCRIPTION);
        assertThat(updates().get(0).get("body").asText()).startsWith("Checkout werkt sinds 2019-10-02 17:34 UTC "
                + "weer normaal. We houden de situatie in de gaten.");
    }

    @Test
    void aTemplateThatAsksForTheAlarmsNameAndDescriptionGetsThem() {
        configure("""
                {"title": "{service}: {alert}", "open": "{source} {alert}: {description}"}""", null,
                CHECKOUT_LINK);

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        assertThat(creates().get(0).get("title").asText()).isEqualTo("Checkout: ServerCpuTooHigh");
        assertThat(creates().get(0).get("body").asText()).startsWith("CloudWatch alarm ServerCpuTooHigh: "
                + ALARM_DESCRIPTION + "\n\nRef. ");
    }

    @Test
    void aLinksNotifyPolicyMakesAllButTheCreateSilentOnItsServicesOnly() {
        configure(null, null, """
                [{"monitor": "ServerCpuTooHigh", "services": ["checkout"], "publish": {"notify": "open"}},
                 {"monitor": "ServerCpuTooHigh", "services": ["search"]}]""");

        openAndClear();

        assertThat(creates()).extracting(c -> c.at("/service_statuses/0/service_id").asLong() + " silent="
                + c.has("silent")).containsExactlyInAnyOrder("101 silent=false", "102 silent=false");
        assertThat(updates()).extracting(u -> u.at("/service_statuses/0/service_id").asLong() + " silent="
                + u.path("silent").asText("absent")).containsExactlyInAnyOrder("101 silent=true",
                        "102 silent=absent");
    }

    @Test
    void theMostSpecificPublishWinsFieldByFieldLinkThenServiceThenConfiguration() {
        configure("""
                {"language": "de", "title": "Whole {service}", "clear": "Whole clear {service}", "notify": "none"}""",
                """
                        {"title": "Service {service}: {status}", "open": "Service open {service}"}""",
                """
                        [{"monitor": "ServerCpuTooHigh", "services": ["checkout"], "publish": {"open": "Link open {status}"}}]""");

        openAndClear();

        JsonNode create = creates().get(0);
        assertThat(create.get("title").asText()).as("the service's title, in the configuration's language")
                .isEqualTo("Service Checkout: Störung");
        assertThat(create.get("body").asText()).as("the link's open").startsWith("Link open Störung\n\nRef. ");
        assertThat(updates().get(0).get("body").asText()).as("the configuration's clear")
                .startsWith("Whole clear Checkout\n\nRef. ");
        assertThat(create.path("silent").asBoolean()).as("the configuration's notify").isTrue();
    }

    /** The bridge finds its incident by the reference line, whatever the title: a template changed mid-incident. */
    @Test
    void aTemplateChangedBetweenOpenAndClearStillClearsTheIncidentItOpened() {
        configure(null, null, CHECKOUT_LINK);
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        configure("{\"language\": \"es\", \"title\": \"Incidencia en {service}\"}", null, CHECKOUT_LINK);

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services[0].result", org.hamcrest.Matchers.is("updated"));

        assertThat(Neighbours.statusHub().incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.get("title").asText()).isEqualTo("Checkout: Service disruption");
            assertThat(incident.at("/incident_updates/0/body").asText()).startsWith("El servicio Checkout funciona "
                    + "de nuevo con normalidad desde el 2019-10-02 17:34 UTC.");
        });
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    /** The design's French example, in Paris time, with the long dates. */
    private static final String FRENCH_TEAM = """
            {"language": "fr", "timeZone": "Europe/Paris", "dates": "long",
             "title": "{service} : perturbation en cours",
             "open": "Nous constatons une perturbation du service {service} depuis le {since}.",
             "clear": "Le service {service} fonctionne de nouveau normalement depuis le {at}.",
             "notify": "open"}""";

    /**
     * The team's clear says the service works again; a second alarm's incident still holds Checkout when the first
     * clears: that clear says Checkout stays affected and names the incident to follow, and only the last clear, the
     * one that brings Checkout up, is the team's.
     */
    @Test
    void aTeamsClearWhileASecondAlertHoldsTheServiceSaysItStaysAffectedAndNamesThatIncident() {
        configure(FRENCH_TEAM, null, """
                [{"monitor": "ServerCpuTooHigh", "services": ["checkout"]},
                 {"monitor": "checkout-latency", "status": "degraded-performance", "services": ["checkout"],
                  "publish": {"title": "Lenteurs sur {service}"}}]""");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.alarm("checkout-latency", "2019-10-02T17:10:00.000+0000")).statusCode(200);

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services[0].result", org.hamcrest.Matchers.is("updated"));

        String held = updates().get(0).get("body").asText();
        assertThat(held).startsWith("Le problème constaté le 2 octobre 2019 à 19\u00A0h\u00A004 (UTC+2) ne se "
                + "reproduit plus depuis le 2 octobre 2019 à 19\u00A0h\u00A034 (UTC+2). Le service Checkout reste "
                + "toutefois concerné par un autre incident en cours, «\u202FLenteurs sur Checkout\u202F»\u202F: "
                + "consultez-le pour suivre son évolution.\n\nRéf. ").doesNotContain("normalement");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("degraded-performance");

        Lambda.invoke(Events.ok("checkout-latency", "2019-10-02T17:10:00.000+0000", "2019-10-02T17:50:00.000+0000"))
                .statusCode(200);
        assertThat(updates().get(1).get("body").asText()).startsWith("Le service Checkout fonctionne de nouveau "
                + "normalement depuis le 2 octobre 2019 à 19\u00A0h\u00A050 (UTC+2).\n\nRéf. ");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    /** The documented French example, taken from docs/configuration.md, reads on the page as that page says. */
    @Test
    void theDocumentedFrenchHubReadsAsItsPageSays() throws IOException {
        String page = Files.readString(CONFIGURATION_PAGE);
        configure(documentedPublish(page, "A French hub with its own words"), null, CHECKOUT_LINK);

        openAndClear();

        String title = "Checkout : perturbation en cours";
        String opening = "Nous constatons une perturbation du service Checkout depuis le 2 octobre 2019 à 19 h 04 "
                + "(UTC+2).";
        String clear = "Le service Checkout fonctionne de nouveau normalement depuis le 2 octobre 2019 à 19 h 34 "
                + "(UTC+2).";
        assertThat(creates().get(0).get("title").asText()).isEqualTo(title);
        assertThat(plain(creates().get(0).get("body").asText())).startsWith(opening + "\n\nRéf. ");
        assertThat(plain(updates().get(0).get("body").asText())).startsWith(clear + "\n\nRéf. ");
        assertThat(updates().get(0).path("silent").asBoolean()).as("notify: open").isTrue();
        assertThat(page.replaceAll("\\s+", " ")).contains("*" + title + "* / *" + opening + "* / *" + clear
                + "*");
    }

    /** The configuration reference, where the documented {@code publish} examples live. */
    static final Path CONFIGURATION_PAGE = Path.of("docs", "configuration.md");

    /** The {@code publish} block of the documented JSON example that follows this sentence. */
    static String documentedPublish(String page, String introducedBy) {
        assertThat(page).as("the page introduces the example").contains(introducedBy);
        String block = page.substring(page.indexOf("```json", page.indexOf(introducedBy)) + 7);
        block = block.substring(0, block.indexOf("```")).strip();
        return block.substring(block.indexOf('{'));
    }

    /**
     * An incident an earlier version opened, with its English text and reference line, is cleared by its alarm's
     * OK after the texts, the language and the dates changed.
     */
    @Test
    void anIncidentOpenedBeforeTheTextsChangedIsStillClearedByItsAlarmsOk() {
        configure(FRENCH_TEAM, null, CHECKOUT_LINK);
        String id = Neighbours.statusHub().seed("Checkout: Service disruption", "2019-10-02T17:04:40Z",
                "investigating", "We are investigating a disruption of Checkout that began at 2019-10-02 17:04 UTC. "
                        + "We will post an update as soon as we know more.\n\n"
                        + "Ref: sb2.cw-4e52efd4.cc83845cc1da.3f877ff94281.d",
                101, "down");

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services[0].result", org.hamcrest.Matchers.is("updated"))
                .body("alerts[0].services[0].incidentId", org.hamcrest.Matchers.is(id));

        assertThat(Neighbours.statusHub().incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.at("/incident_updates/0/incident_type").asText()).isEqualTo("monitoring");
            assertThat(plain(incident.at("/incident_updates/0/body").asText())).startsWith("Le service Checkout "
                    + "fonctionne de nouveau normalement depuis le 2 octobre 2019 à 19 h 34 (UTC+2).");
        });
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Journal.creates()).isZero();
    }

    /** The page's no-break spaces as plain ones. */
    private static String plain(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    @Test
    void anUnknownPlaceholderIsRefusedByPathAndNothingIsWritten() {
        configure("{\"open\": \"{servce} is down\"}", null, CHECKOUT_LINK);

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("$.publish.open"), containsString("{servce}")));
        Journal.assertStatusHubUntouched();

        Lambda.invoke("{\"bridge\": \"check\"}").statusCode(200).body(containsString("$.publish.open"));
    }
}
