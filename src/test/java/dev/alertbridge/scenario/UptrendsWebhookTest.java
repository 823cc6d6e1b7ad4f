package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Uptrends' custom integration posting the template of docs/sources.md to {@code /uptrends}: {@code Alert} (or the Alert
 * API's {@code Error}) opens, {@code Ok} clears, a {@code Reminder} opens only what has no incident yet; {@code incidentKey}
 * ties an OK
 * to its alert; {@code escalationLevel} selects the links; times carry no zone and are UTC.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class UptrendsWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void anAlertOpensAnIncidentStartingAtTheFirstErrorReadAsUtc() {
        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("uptrends");
        assertThat(answer.alert(0, "monitor")).isEqualTo("GalacticResorts.com - DNS");
        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "service")).containsExactly("search");
        assertThat(answer.services(0, "result")).containsExactly("created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson("""
                        {"title": "Search: Service disruption", "start_time": "2018-11-08T16:21:58Z",
                         "incident_type": "investigating",
                         "body": "${json-unit.regex}We are investigating a disruption to Search[\\\\s\\\\S]*",
                         "service_statuses": [{"service_id": 102, "status": "down"}]}
                        """)));
    }

    @Test
    void anErrorAsTheAlertApiNamesItOpensLikeAnAlert() {
        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/error-alert.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "result")).containsExactly("created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"start_time": "2018-11-12T03:10:40Z", "incident_type": "investigating",
                         "service_statuses": [{"service_id": 102, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void aReminderWhileTheIncidentIsOpenChangesNothing() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        Neighbours.wireMock().resetRequests();

        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/reminder.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("unchanged");
        Journal.assertNoWrites();
    }

    /** The first message was lost (or a maintenance held it back): the reminder opens the incident. */
    @Test
    void aReminderOfAnErrorWithNoIncidentOpensIt() {
        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/reminder.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void theSameAlertAndOkPostedTwiceOpenOneIncidentAndUpdateItOnce() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        assertThat(FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json")).services(0, "result"))
                .containsExactly("unchanged");
        FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json"));
        assertThat(FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json")).services(0, "result"))
                .containsExactly("unchanged");

        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Journal.updates()).isEqualTo(1);
    }

    /** The monitor is the alert: its Ok ends its open incident, whichever incident key Uptrends gave the error. */
    @Test
    void anOkOfTheMonitorClearsItsOpenIncidentWhateverItsIncidentKey() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        String incident = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.wireMock().resetRequests();

        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/4-ok-again.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("updated");
        assertThat(answer.services(0, "incidentId")).containsExactly(incident);
        assertThat(Journal.creates()).isZero();
        assertThat(Neighbours.statusHub().incidents().get(0).at("/incident_updates/0/incident_type").asText())
                .isEqualTo("monitoring");
    }

    @Test
    void eachIncidentKeyOfTheMonitorIsItsOwnIncident() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json"));
        assertThat(FunctionUrl.post("/uptrends", Events.load("uptrends/3-alert-again.json")).services(0, "result"))
                .containsExactly("created");
        List<String> incidents = Neighbours.statusHub().incidents().stream().map(i -> i.get("id").asText()).toList();
        assertThat(incidents).hasSize(2);
        Neighbours.wireMock().resetRequests();

        Answer answer = FunctionUrl.post("/uptrends", Events.load("uptrends/4-ok-again.json"));

        assertThat(answer.services(0, "incidentId")).containsExactly(incidents.get(1));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/"
                + incidents.get(1) + "/incident_updates")).withRequestBody(equalToJson("""
                        {"start_time": "2018-11-09T08:35:12Z", "incident_type": "monitoring"}
                        """, true, true)));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    /** A level-2 link on the monitor's name, next to the standard level-less link on its GUID. */
    @Test
    void theEscalationLevelSelectsTheLinksThatOpenAndClear() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new ParameterStore.Parameter(ParameterStore.PATH + "links-escalation", "String",
                        """
                                {"links": [{"monitor": "GalacticResorts.com - DNS", "source": "uptrends",
                                            "escalationLevel": 2, "services": ["payments"]}]}
                                """)));

        Answer level1 = FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        assertThat(level1.services(0, "service")).containsExactly("search");
        assertThat(level1.services(0, "result")).containsExactly("created");

        Answer level2 = FunctionUrl.post("/uptrends", Events.load("uptrends/level-2-alert.json"));
        assertThat(level2.alert(0, "escalationLevel")).isEqualTo("2");
        assertThat(level2.services(0, "service")).containsExactly("search", "payments");
        assertThat(level2.services(0, "result")).containsExactly("unchanged", "created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"service_statuses": [{"service_id": 103, "status": "down"}]}
                        """, true, true)));

        // A clear ends what the alert opened at any level: the level-1 Ok clears the level-2 incident too.
        Answer ok = FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json"));
        assertThat(ok.services(0, "service")).containsExactly("search", "payments");
        assertThat(ok.services(0, "result")).containsExactly("updated", "updated");
        Answer level2Ok = FunctionUrl.post("/uptrends", Events.load("uptrends/level-2-ok.json"));
        assertThat(level2Ok.services(0, "service")).containsExactly("search", "payments");
        assertThat(level2Ok.services(0, "result")).containsExactly("unchanged", "unchanged");
        assertThat(Journal.creates()).isEqualTo(2);
        assertThat(Journal.updates()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json           | body              | is not valid JSON (line
            monitor-guid-is-a-number.json | $.monitorGuid     | must be a string
            missing-monitor-guid.json     | $.monitorGuid     | missing or empty string
            missing-incident-key.json     | $.incidentKey     | missing or empty string
            unrendered-template.json      | $.alertType       | unknown alert type '{{@alert.type}}'
            unknown-alert-type.json       | $.alertType       | unknown alert type 'Warning'
            bad-timestamp.json            | $.timestampUtc    | not a timestamp: '08/11/2018 16:26:58'
            bad-escalation-level.json     | $.escalationLevel | escalation level must be 1, 2 or 3
            array-of-alerts.json          | $                 | must be a JSON object
            alertmanager-body.json        | $.alertType       | missing or empty string
            """)
    void aBadBodyIsAnswered400SayingWhatAndWhereAndChangesNothing(String file, String where, String what) {
        Answer answer = FunctionUrl.post("/uptrends", Events.badInput("uptrends/" + file));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.error()).startsWith("bad request body: " + where + ": ").contains(what)
                .doesNotContain("\tat ");
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aBodyWithAnOverlongFieldIsAnswered413NamingItAndChangesNothing() throws Exception {
        ObjectNode alert = (ObjectNode) JSON.readTree(Events.load("uptrends/1-alert.json"));
        alert.put("description", "Step 1: ".repeat(140_000));

        Answer answer = FunctionUrl.post("/uptrends", alert.toString());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error())
                .isEqualTo("bad request body: $.description is longer than 65536 bytes; nothing was applied");
        Journal.assertStatusHubUntouched();
    }
}
