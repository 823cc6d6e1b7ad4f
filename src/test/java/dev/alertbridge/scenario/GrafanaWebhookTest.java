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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grafana alerting's webhook contact point (version "1") on {@code /grafana}: the Alertmanager model with times
 * in the server's offset and microseconds ({@code 2021-10-12T09:51:03.157076+02:00}), written to StatusHub in UTC
 * seconds; {@code values} (current) or {@code valueString} (Grafana 9) do not change an alert's identity.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class GrafanaWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void eachFiringAlertOpensAnIncidentFromItsStartInUtc() {
        Answer answer = FunctionUrl.post("/grafana", Events.load("grafana/1-firing.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("grafana");
        assertThat(answer.alert(0, "monitor")).isEqualTo("High memory usage");
        assertThat(answer.services(0, "service")).containsExactly("checkout");
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(answer.alert(1, "monitor")).isEqualTo("High CPU usage");
        assertThat(answer.services(1, "service")).containsExactly("search");
        assertThat(answer.services(1, "result")).containsExactly("created");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption", "start_time": "2021-10-12T07:51:03Z",
                         "incident_type": "investigating",
                         "body": "${json-unit.regex}We are investigating a disruption to Checkout[\\\\s\\\\S]*",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """)));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Search: Service disruption", "start_time": "2021-10-12T07:56:03Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 102, "status": "down"}]}
                        """)));
    }

    @Test
    void aReSentNotificationChangesNothing() {
        FunctionUrl.post("/grafana", Events.load("grafana/1-firing.json"));
        Answer firingAgain = FunctionUrl.post("/grafana", Events.load("grafana/1-firing.json"));
        FunctionUrl.post("/grafana", Events.load("grafana/2-resolved.json"));
        Answer resolvedAgain = FunctionUrl.post("/grafana", Events.load("grafana/2-resolved.json"));

        assertThat(firingAgain.services(0, "result")).containsExactly("unchanged");
        assertThat(firingAgain.services(1, "result")).containsExactly("unchanged");
        assertThat(resolvedAgain.services(0, "result")).containsExactly("unchanged");
        assertThat(resolvedAgain.services(1, "result")).containsExactly("unchanged");
        assertThat(Journal.creates()).isEqualTo(2);
        assertThat(Journal.updates()).isEqualTo(2);
    }

    @Test
    void anOlderGrafanasValueStringOpensTheSameIncidents() {
        Answer legacy = FunctionUrl.post("/grafana", Events.load("grafana/legacy-value-string.json"));
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.services(0, "result")).containsExactly("created");
        assertThat(legacy.services(1, "result")).containsExactly("created");

        Answer current = FunctionUrl.post("/grafana", Events.load("grafana/1-firing.json"));
        assertThat(current.services(0, "result")).as("same fingerprint and start: same incident")
                .containsExactly("unchanged");
        assertThat(current.services(1, "result")).containsExactly("unchanged");
        assertThat(Journal.creates()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json        | body                         | is not valid JSON (line
            legacy-alerting-body.json  | $.alerts                     | missing array of alerts
            """)
    void aBadNotificationIsAnswered400SayingWhatAndWhereAndChangesNothing(String file, String where, String what) {
        Answer answer = FunctionUrl.post("/grafana", Events.badInput("grafana/" + file));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.error()).startsWith("bad request body: " + where + ": ").contains(what)
                .doesNotContain("\tat ");
        Journal.assertStatusHubUntouched();
    }

    /**
     * Each alert of a group stands alone: Grafana does not retry a 4xx, so answering 400 for one bad alert would
     * drop the good ones with it. The unusable one is named in the report; the other is applied.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            starts-at-is-a-number.json | $.alerts[0] | $.alerts[0].startsAt         | must be a string                         | search   | created
            labels-is-a-string.json    | $.alerts[0] | $.alerts[0].labels           | must be an object                        | search   | created
            missing-alertname.json     | $.alerts[1] | $.alerts[1].labels.alertname | missing or empty string                  | checkout | created
            missing-fingerprint.json   | $.alerts[0] | $.alerts[0].fingerprint      | missing or empty string                  | search   | created
            unknown-status.json        | $.alerts[0] | $.alerts[0].status           | must be firing or resolved, not 'normal' | search   | created
            bad-ends-at.json           | $.alerts[0] | $.alerts[0].endsAt           | not a timestamp: 'soon'                  | search   | unchanged
            """)
    void oneUnusableAlertIsSkippedAndNamedWhileTheOtherIsApplied(String file, String alert, String where, String what,
            String applied, String result) {
        Answer answer = FunctionUrl.post("/grafana", Events.badInput("grafana/" + file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/unusable/0/alert").asText()).isEqualTo(alert);
        assertThat(answer.body().at("/unusable/0/why").asText()).startsWith(where + ": ").contains(what);
        assertThat(answer.body().path("unusable")).hasSize(1);
        assertThat(answer.services(0, "service")).containsExactly(applied);
        assertThat(answer.services(0, "result")).containsExactly(result);
        assertThat(Journal.creates()).isEqualTo(result.equals("created") ? 1 : 0);
    }

    @Test
    void aNotificationWithAnOverlongMessageIsAnswered413NamingItAndChangesNothing() throws Exception {
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("grafana/1-firing.json"));
        notification.put("message", "**Firing**\n\nLabels:\n - alertname = T2\n".repeat(30_000));

        Answer answer = FunctionUrl.post("/grafana", notification.toString());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error())
                .isEqualTo("bad request body: $.message is longer than 65536 bytes; nothing was applied");
        Journal.assertStatusHubUntouched();
    }

    /** The example of docs/configuration.md: every Grafana and Alertmanager alert on Search. */
    private static void linkEveryAlertToSearch() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"search": {"name": "Search", "serviceId": 102}},
                         "links": [{"monitor": "*", "source": "grafana", "services": ["search"]},
                                   {"monitor": "*", "source": "alertmanager", "services": ["search"]}]}
                        """.formatted(Neighbours.baseUrl()))));
    }

    @Test
    void theTestButtonOfAContactPointIsAnswered200ReportedAsATestAndWritesNothingEvenWithAStarLink() {
        linkEveryAlertToSearch();

        Answer answer = FunctionUrl.post("/grafana", Events.load("grafana/test-notification.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("grafana");
        assertThat(answer.alert(0, "monitor")).isEqualTo("TestAlert");
        assertThat(answer.alert(0, "state")).isEqualTo("test");
        assertThat(answer.alert(0, "note")).contains("test notification").contains("nothing is written");
        assertThat(answer.services(0, "service")).isEmpty();
        Journal.assertStatusHubUntouched();
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
    }

    @Test
    void aRealRuleCalledTestAlertAmongOtherAlertsOpensItsIncident() throws Exception {
        linkEveryAlertToSearch();
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("grafana/test-notification.json"));
        ArrayNode alerts = (ArrayNode) notification.get("alerts");
        ObjectNode other = alerts.get(0).deepCopy();
        ((ObjectNode) other.get("labels")).put("alertname", "High memory usage");
        other.put("fingerprint", "5e2a9f0c41b7d388");
        alerts.add(other);

        Answer answer = FunctionUrl.post("/grafana", notification.toString());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "monitor")).isEqualTo("TestAlert");
        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(answer.alert(1, "state")).isEqualTo("open");
        assertThat(Journal.creates()).isEqualTo(2);
    }

    @Test
    void aLoneGrafanaAlertCalledTestAlertOnAnotherInstanceOpensItsIncident() throws Exception {
        linkEveryAlertToSearch();
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("grafana/test-notification.json"));
        ((ObjectNode) notification.at("/alerts/0/labels")).put("instance", "grafana-1:3000");

        Answer answer = FunctionUrl.post("/grafana", notification.toString());

        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "result")).containsExactly("created");
    }

    @Test
    void anAlertmanagerAlertLabelledLikeGrafanasTestIsARealAlertAndOpensItsIncident() throws Exception {
        linkEveryAlertToSearch();
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ((ObjectNode) notification.at("/alerts/0/labels")).put("alertname", "TestAlert").put("instance", "Grafana");

        Answer answer = FunctionUrl.post("/alertmanager", notification.toString());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("alertmanager");
        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(Journal.creates()).isEqualTo(1);
    }
}
