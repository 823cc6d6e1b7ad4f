package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;
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
 * The built-in texts in the reader's language, time and notation: CloudWatch's ServerCpuTooHigh opening at 17:04
 * UTC and clearing at 17:34 UTC on 2 October 2019 on Checkout, as a German, an Italian and a Canadian French hub
 * show it.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ThePageSpeaksTheReadersLanguageTest {

    @BeforeEach
    void reset() {
        Neighbours.resetToDefaults();
    }

    private static void configure(String publish) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "ServerCpuTooHigh", "services": ["checkout"]}],
                         "publish": %s}
                        """.formatted(Neighbours.baseUrl(), publish))));
    }

    private static void openAndClear() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200);
    }

    private static JsonNode create() {
        return Journal.createBodies().get(0);
    }

    private static JsonNode clear() {
        return Journal.updateBodies().get(0);
    }

    /** The documented German example, from docs/configuration.md: Berlin time in German notation, never "CEST". */
    @Test
    void aGermanHubInBerlinTimeWithLongDatesReadsGermanTimes() throws IOException {
        String page = Files.readString(ThePageSpeaksForTheTeamTest.CONFIGURATION_PAGE);
        String publish = ThePageSpeaksForTheTeamTest.documentedPublish(page, "A German hub on the built-in texts");
        assertThat(publish).contains("\"timeZone\": \"Europe/Berlin\"", "\"dates\": \"long\"");
        configure(publish);

        openAndClear();

        String title = "Checkout: Störung";
        String opening = "Seit 02.10.2019, 19:04 Uhr (UTC+2) ist Checkout gestört. Wir suchen nach der Ursache und "
                + "informieren Sie, sobald wir mehr wissen.";
        String clear = "Checkout funktioniert seit 02.10.2019, 19:34 Uhr (UTC+2) wieder normal. Wir beobachten die "
                + "Lage weiter.";
        assertThat(create().get("title").asText()).isEqualTo(title);
        assertThat(create().get("body").asText()).startsWith(opening + "\n\nRef. ").doesNotContain("CEST", "MESZ");
        assertThat(clear().get("body").asText()).startsWith(clear + "\n\nRef. ");
        assertThat(create().get("start_time").asText()).as("the wire stays in UTC").isEqualTo("2019-10-02T17:04:40Z");
        assertThat(page.replaceAll("\\s+", " ")).contains("*" + title + "* / *" + opening + "* / *" + clear + "*");
    }

    @Test
    void anItalianHubWithNoTemplatesReadsTheBuiltInItalianTexts() {
        configure("{\"language\": \"it\"}");

        openAndClear();

        assertThat(create().get("title").asText()).isEqualTo("Checkout: disservizio");
        assertThat(create().get("body").asText()).startsWith("Dal 2019-10-02 17:04 UTC è in corso un disservizio che "
                + "interessa il servizio Checkout. Stiamo analizzando le cause e pubblicheremo un aggiornamento non "
                + "appena avremo maggiori informazioni.\n\nRif. ").doesNotContain("ServerCpuTooHigh");
        assertThat(clear().get("body").asText()).startsWith("Il servizio Checkout funziona di nuovo regolarmente dal "
                + "2019-10-02 17:34 UTC. Continuiamo a monitorare la situazione.\n\nRif. ");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void anItalianHubInRomeTimeWithLongDatesElidesTheArticleOnThe8th() {
        configure("{\"language\": \"it\", \"timeZone\": \"Europe/Rome\", \"dates\": \"long\"}");

        Lambda.invoke(Events.alarm("ServerCpuTooHigh", "2019-10-08T07:00:00.000+0000")).statusCode(200);

        assertThat(create().get("body").asText()).startsWith("Dall'8 ottobre 2019 alle 09:00 (UTC+2) è in corso un "
                + "disservizio che interessa il servizio Checkout.");
    }

    @Test
    void aCanadianFrenchHubSpeaksFrench() {
        configure("{\"language\": \"fr-CA\", \"timeZone\": \"America/Montreal\", \"dates\": \"long\"}");

        openAndClear();

        assertThat(create().get("title").asText()).isEqualTo("Checkout\u202F: perturbation du service");
        assertThat(create().get("body").asText()).startsWith("Le service Checkout est perturbé depuis le 2 octobre "
                + "2019 à 13\u00A0h\u00A004 (UTC-4). Nous en recherchons la cause et publierons une mise à jour dès "
                + "que possible.\n\nRéf. ");
        assertThat(clear().get("body").asText()).startsWith("Le service Checkout fonctionne de nouveau normalement "
                + "depuis le 2 octobre 2019 à 13\u00A0h\u00A034 (UTC-4). Nous continuons de surveiller la situation.");
    }

    @Test
    void anUnknownLanguageOrTimeZoneIsRefusedByPathAndNothingIsWritten() {
        configure("{\"language\": \"pt-BR\"}");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("$.publish.language"), containsString("fr-CA")));

        configure("{\"language\": \"de\", \"timeZone\": \"CEST\"}");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("$.publish.timeZone"), containsString("IANA")));

        configure("{\"dates\": \"local\"}");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("$.publish.dates"), containsString("iso or long")));
        Journal.assertStatusHubUntouched();
    }
}
