package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final ObjectMapper JSON = new ObjectMapper();
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
        return bodies(Neighbours.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))));
    }

    private static List<JsonNode> updates() {
        return bodies(Neighbours.wireMock().findAll(postRequestedFor(
                urlPathMatching("/api/v3/hubs/acme/incidents/[^/]+/incident_updates"))));
    }

    private static List<JsonNode> bodies(List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests) {
        return requests.stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void withNoPublishBlockThePageReadsPlainEnglishWithNoAlarmNameOrDescription() {
        configure(null, null, CHECKOUT_LINK);

        openAndClear();

        JsonNode create = creates().get(0);
        assertThat(create.get("title").asText()).isEqualTo("Checkout: Service disruption");
        assertThat(create.get("body").asText()).startsWith("We are investigating a disruption of Checkout that "
                + "began at 2019-10-02 17:04 UTC. We will post an update as soon as we know more.\n\nRef. ")
                .doesNotContain("ServerCpuTooHigh", ALARM_DESCRIPTION, "Posted automatically", "123456789012");
        JsonNode clear = updates().get(0);
        assertThat(clear.has("title")).as("a clear never re-sends the title (a person's retitle stands)").isFalse();
        assertThat(clear.get("body").asText()).startsWith("Checkout has been operating normally again since "
                + "2019-10-02 17:34 UTC. We are monitoring the situation.\n\nRef. ");
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

        assertThat(creates().get(0).get("title").asText()).isEqualTo("Checkout: Storing");
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
            assertThat(incident.at("/incident_updates/0/body").asText()).startsWith("Checkout vuelve a funcionar "
                    + "con normalidad desde el 2019-10-02 17:34 UTC.");
        });
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
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
