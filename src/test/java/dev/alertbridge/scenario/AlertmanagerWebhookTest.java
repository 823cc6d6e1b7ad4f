package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.CategoryLog;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Prometheus Alertmanager's webhook (payload version 4) on {@code /alertmanager}: one notification per group,
 * firing and resolved alerts mixed, each alert its own transition (fingerprint + startsAt); {@code endsAt} of Go's
 * zero time means still firing; the group is re-sent every interval and a re-send changes nothing; alerts dropped
 * by {@code max_alerts} ({@code truncatedAlerts}) are warned about.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class AlertmanagerWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void aFiringAlertWithZeroEndsAtOpensAnIncidentFromItsStart() {
        Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("alertmanager");
        assertThat(answer.alert(0, "monitor")).isEqualTo("HighErrorRate");
        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "service")).containsExactly("checkout");
        assertThat(answer.services(0, "result")).containsExactly("created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption", "start_time": "2025-01-02T05:39:21Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """)));
    }

    @Test
    void aReSentGroupChangesNothing() {
        FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));
        for (int resend = 0; resend < 2; resend++) {
            assertThat(FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"))
                    .services(0, "result")).containsExactly("unchanged");
        }
        FunctionUrl.post("/alertmanager", Events.load("alertmanager/2-resolved.json"));
        assertThat(FunctionUrl.post("/alertmanager", Events.load("alertmanager/2-resolved.json"))
                .services(0, "result")).containsExactly("unchanged");

        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void aNotificationMixingResolvedAndFiringAlertsAppliesEachAlert() {
        FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));
        String first = Neighbours.statusHub().incidents().get(0).get("id").asText();

        Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/3-mixed.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "state")).isEqualTo("clear");
        assertThat(answer.services(0, "result")).containsExactly("updated");
        assertThat(answer.services(0, "incidentId")).containsExactly(first);
        assertThat(answer.alert(1, "state")).isEqualTo("open");
        assertThat(answer.services(1, "result")).containsExactly("created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + first
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"start_time": "2025-01-02T06:09:21Z", "incident_type": "monitoring",
                         "service_statuses": [{"service_id": 101, "status": "up"}]}
                        """, true, true)));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"start_time": "2025-01-02T05:41:00Z", "incident_type": "investigating",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    @Test
    void theMixedNotificationReSentChangesNothing() {
        FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));
        FunctionUrl.post("/alertmanager", Events.load("alertmanager/3-mixed.json"));

        Answer again = FunctionUrl.post("/alertmanager", Events.load("alertmanager/3-mixed.json"));

        assertThat(again.services(0, "result")).containsExactly("unchanged");
        assertThat(again.services(1, "result")).containsExactly("unchanged");
        assertThat(Journal.creates()).isEqualTo(2);
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void aNotificationWithTruncatedAlertsIsAppliedAndWarnedAbout() {
        try (CategoryLog log = CategoryLog.of("dev.alertbridge.event")) {
            Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/4-truncated.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.services(0, "result")).containsExactly("created");
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("alertmanager")
                    .contains("dropped 5 alerts").contains("max_alerts"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json              | body                         | is not valid JSON (line
            alerts-is-an-object.json         | $.alerts                     | must be an array of alerts
            status-is-a-number.json          | $.alerts[0].status           | must be a string
            missing-alertname.json           | $.alerts[0].labels.alertname | missing or empty string
            missing-fingerprint.json         | $.alerts[0].fingerprint      | missing or empty string
            unknown-status.json              | $.alerts[0].status           | must be firing or resolved, not 'pending'
            bad-starts-at.json               | $.alerts[0].startsAt         | not a timestamp: '2025-01-02 05:39'
            uptrends-body.json               | $.alerts                     | missing array of alerts
            not-an-object.json               | $                            | must be a JSON object
            """)
    void aBadNotificationIsAnswered400SayingWhatAndWhereAndChangesNothing(String file, String where, String what) {
        Answer answer = FunctionUrl.post("/alertmanager", Events.badInput("alertmanager/" + file));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.error()).startsWith("bad request body: " + where + ": ").contains(what)
                .doesNotContain("\tat ");
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aGroupWithOneUnusableAlertAppliesTheOthersAndNamesTheUnusableOne() throws Exception {
        Answer answer = FunctionUrl.post("/alertmanager", Events.badInput("alertmanager/second-alert-without-labels.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/unusable/0/alert").asText()).isEqualTo("$.alerts[1]");
        assertThat(answer.body().at("/unusable/0/why").asText()).isEqualTo("$.alerts[1].labels: missing object");
        // The usable alert is a resolved one with nothing open: applied, and nothing to change.
        assertThat(answer.alert(0, "state")).isEqualTo("clear");
        assertThat(answer.services(0, "result")).containsExactly("unchanged");
    }

    @Test
    void anAlertWithAnEscalationLevelLikeP1IsSkippedWithoutDroppingItsGroup() throws Exception {
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ArrayNode alerts = (ArrayNode) notification.get("alerts");
        ObjectNode second = alerts.get(0).deepCopy();
        second.put("fingerprint", "d00d00d00d00d00d");
        ((ObjectNode) second.get("labels")).put("instance", "checkout-2:8080").put("escalation_level", "P1");
        alerts.add(second);

        Answer answer = FunctionUrl.post("/alertmanager", notification.toString());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/unusable/0/why").asText())
                .isEqualTo("$.alerts[1].labels.escalation_level: escalation level must be 1, 2 or 3");
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    /** Alertmanager groups can be big in a big outage: a group well over 1 MiB is read like any other. */
    @Test
    void aGroupOfSeveralMegabytesIsReadAndOpensItsIncident() throws Exception {
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ObjectNode annotations = (ObjectNode) notification.get("alerts").get(0).get("annotations");
        for (int i = 0; i < 40; i++) { // long annotations the bridge does not read, each under the string limit
            annotations.put("runbook_" + i, "Check the dashboards, then the logs. ".repeat(1_600));
        }
        String body = notification.toString();
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 * 1024 * 1024);

        Answer answer = FunctionUrl.post("/alertmanager", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    /**
     * A big outage's group: every instance of one rule down at once, each its own incident. The hub is listed once
     * before deciding and once after the last write, whatever the group's size: not once per alert.
     */
    @Test
    void aGroupOfManyAlertsListsTheHubTwiceNotOncePerAlert() throws Exception {
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ArrayNode alerts = (ArrayNode) notification.get("alerts");
        ObjectNode template = (ObjectNode) alerts.get(0);
        for (int i = 2; i <= 8; i++) {
            ObjectNode alert = template.deepCopy();
            ((ObjectNode) alert.get("labels")).put("instance", "checkout-" + i + ":8080");
            alert.put("fingerprint", String.format("%016x", 0xc0ffee00L + i));
            alerts.add(alert);
        }

        Answer answer = FunctionUrl.post("/alertmanager", notification.toString());

        assertThat(answer.status()).isEqualTo(200);
        for (int i = 0; i < 8; i++) {
            assertThat(answer.services(i, "result")).containsExactly("created");
        }
        assertThat(Neighbours.statusHub().incidents()).hasSize(8);
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))))
                .hasSize(2);
    }

    /**
     * Alertmanager re-sends the whole group when an invocation ran out of time: the alerts it already applied cost
     * no read of their incidents in the environment that created them (a hub whose list says {@code updated_at}).
     */
    @Test
    void aReSentGroupCostsNoReadOfTheIncidentsItAlreadyOpened() throws Exception {
        Neighbours.statusHub().sendUpdatedAt();
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ArrayNode alerts = (ArrayNode) notification.get("alerts");
        for (int i = 2; i <= 4; i++) {
            ObjectNode alert = alerts.get(0).deepCopy();
            ((ObjectNode) alert.get("labels")).put("instance", "checkout-" + i + ":8080");
            alert.put("fingerprint", String.format("%016x", 0xfeed00L + i));
            alerts.add(alert);
        }
        assertThat(FunctionUrl.post("/alertmanager", notification.toString()).status()).isEqualTo(200);
        Neighbours.wireMock().resetRequests();

        Answer again = FunctionUrl.post("/alertmanager", notification.toString());

        assertThat(again.status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(again.services(i, "result")).containsExactly("unchanged");
        }
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathMatching("/api/v3/hubs/acme/incidents/.+"))))
                .as("full reads of incidents this environment opened").isEmpty();
        Journal.assertNoWrites();
    }
}
