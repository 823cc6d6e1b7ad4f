package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CloudWatch alarms published to an SNS topic that invokes the function: the alarm is a JSON string in
 * {@code Records[].Sns.Message}, one event may carry several records, {@code Region} is a display name, and an OK
 * does not say when the alarm entered ALARM, so it clears the alarm's open incident found by its monitor prefix.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class CloudWatchAlarmViaSnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void anAlarmInTheMessageStringOpensAnIncidentOnItsLinkedService() {
        Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200)
                .body("alerts[0].source", is("cloudwatch"))
                .body("alerts[0].monitor", is("EXAMPLE"))
                .body("alerts[0].state", is("open"))
                .body("alerts[0].services.service", is(List.of("search")))
                .body("alerts[0].services.result", is(List.of("created")));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson("""
                        {"title": "Search: Service disruption", "start_time": "2015-06-03T17:43:27Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 102, "status": "down"}]}
                        """)));
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
    }

    @Test
    void anOkClearsOnlyTheAlarmsLatestEpisode() {
        Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200);
        Lambda.invoke(Events.load("sns/3-alarm-again.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        List<String> incidents = Neighbours.statusHub().incidents().stream().map(i -> i.get("id").asText()).toList();
        assertThat(incidents).hasSize(2);
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(Events.load("sns/4-ok-again.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated")))
                .body("alerts[0].services.incidentId", is(List.of(incidents.get(1))));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/"
                + incidents.get(1) + "/incident_updates")).withRequestBody(equalToJson("""
                        {"start_time": "2015-06-04T08:30:00Z", "incident_type": "monitoring"}
                        """, true, true)));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void theSameNotificationDeliveredThreeTimesOpensOneIncident() {
        for (int delivery = 0; delivery < 3; delivery++) {
            Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200);
        }
        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
    }

    @Test
    void aRedeliveredOkPostsOneUpdate() {
        Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200);

        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void aCompositeAlarmWithTriggeringChildrenOpensAnIncident() {
        Lambda.invoke(Events.load("sns/composite-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("checkout-composite"))
                .body("alerts[0].services.service", is(List.of("checkout")))
                .body("alerts[0].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption", "start_time": "2022-07-22T15:57:45Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void anAlarmWhoseRegionIsADisplayNameMatchesALinkOnItsArn() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new ParameterStore.Parameter(ParameterStore.PATH + "links-orders", "String", """
                        {"links": [{"monitor": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-latency",
                                    "services": ["payments"]}]}
                        """)));

        Lambda.invoke(Events.load("sns/region-display-name.json")).statusCode(200)
                .body("alerts[0].monitor", is("orders-latency"))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Payments: Service disruption", "start_time": "2024-03-14T09:26:53Z",
                         "service_statuses": [{"service_id": 103, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void severalRecordsInOneEventAreEachApplied() {
        Lambda.invoke(Events.load("sns/two-records.json")).statusCode(200)
                .body("alerts.monitor", is(List.of("EXAMPLE", "checkout-composite")))
                .body("alerts[0].services.service", is(List.of("search")))
                .body("alerts[0].services.result", is(List.of("created")))
                .body("alerts[1].services.service", is(List.of("checkout")))
                .body("alerts[1].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Search: Service disruption", "service_statuses": [{"service_id": 102, "status": "down"}]}
                        """, true, true)));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
        assertThat(Journal.creates()).isEqualTo(2);
    }

    /**
     * WidgetLatency is linked to an integration-URL service, which cannot be read back: the OK must still reach it
     * (here in the execution environment that posted the open, which remembers what it posted).
     */
    @Test
    void anOkViaSnsClearsAnIntegrationUrlServiceToo() {
        Lambda.invoke(Events.load("sns/widget-1-alarm.json")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("widget", "checkout")))
                .body("alerts[0].services.result", is(List.of("created", "created")));
        String hookId = Neighbours.statusHub().hookPosts().keySet().iterator().next();

        Lambda.invoke(Events.load("sns/widget-2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/hooks/generic"))
                .withQueryParam("token", equalTo(TestConfig.HOOK_TOKEN))
                .withRequestBody(equalToJson("""
                        {"type": "incident", "id": "%s", "start_time": "2024-03-14T10:30:00Z", "state": "monitoring"}
                        """.formatted(hookId), true, true)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json        | event                                    | is not valid JSON (line
            message-not-json.json      | $.Records[0].Sns.Message                 | is not valid JSON (line 1
            message-is-an-object.json  | $.Records[0].Sns.Message                 | must be a string
            state-is-a-number.json     | $.Records[0].Sns.Message.NewStateValue   | must be a string
            missing-alarm-name.json    | $.Records[0].Sns.Message.AlarmName       | missing or empty string
            unknown-state.json         | $.Records[0].Sns.Message.NewStateValue   | unknown alarm state 'PENDING'
            bad-state-change-time.json | $.Records[0].Sns.Message.StateChangeTime | not a timestamp: 'Wednesday 3 June
            no-records.json            | $.Records                                | must be a non-empty array of SNS
            s3-notification.json       | $.Records[0].Sns                         | missing object
            second-record-unnamed.json | $.Records[1].Sns.Message.AlarmName       | missing or empty string
            """)
    void aBadNotificationFailsTheInvocationSayingWhatAndWhereAndWritesNothing(String file, String where,
            String what) {
        Lambda.invoke(Events.badInput("sns/" + file)).statusCode(500)
                .body("errorMessage", startsWith("bad event: " + where + ": "))
                .body("errorMessage", containsString(what))
                .body("errorMessage", not(containsString("\tat ")));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anEventOverLambdasPayloadLimitFailsTheInvocationAndWritesNothing() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Events.load("sns/1-alarm.json"));
        ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
        ObjectNode message = (ObjectNode) JSON.readTree(sns.get("Message").asText());
        message.put("NewStateReason", "Threshold Crossed: " + "1234.0, ".repeat(800_000));
        sns.put("Message", message.toString());
        String text = event.toString();
        assertThat(text.length()).isGreaterThan(6 * 1024 * 1024 + 64 * 1024);

        Lambda.invoke(text).statusCode(500)
                .body("errorMessage", is("bad event: event: larger than Lambda's payload limit"));
        Journal.assertStatusHubUntouched();
    }
}
