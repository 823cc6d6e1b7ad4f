package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A CloudWatch alarm action that invokes the function directly: the {@code alarmData} envelope, for metric and
 * composite alarms. The fixtures keep the AWS documentation's oddities: blanks inside the timestamps
 * ({@code 2023-08-04T12: 36: 15.490+0000}) and inside the alarm ARN ({@code us-east-1: 444455556666}).
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class CloudWatchAlarmActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    /** Only the alarm's ARN is linked (to payments), written without the blank the event's ARN carries. */
    @Test
    void aMetricAlarmWithBlanksInItsArnAndTimestampsOpensAnIncidentOnTheServiceLinkedToItsArn() {
        Lambda.invoke(Events.load("alarm-action/1-alarm.json")).statusCode(200)
                .body("alerts[0].source", is("cloudwatch"))
                .body("alerts[0].monitor", is("lambda-demo-metric-alarm"))
                .body("alerts[0].state", is("open"))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson(
                        """
                                {"title": "Payments: Service disruption", "start_time": "2023-08-04T12:36:15Z",
                                 "incident_type": "investigating",
                                 "body": "${json-unit.regex}We are investigating a disruption to Payments that began at 2023-08-04 12:36 UTC[\\\\s\\\\S]*",
                                 "service_statuses": [{"service_id": 103, "status": "down"}]}
                                """)));
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
    }

    @Test
    void theSameActionRetriedThreeTimesOpensOneIncidentAndItsOkUpdatesItOnce() {
        for (int delivery = 0; delivery < 3; delivery++) {
            Lambda.invoke(Events.load("alarm-action/1-alarm.json")).statusCode(200);
        }
        Lambda.invoke(Events.load("alarm-action/2-ok.json")).statusCode(200);
        Lambda.invoke(Events.load("alarm-action/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));

        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void aCompositeAlarmOpensAndItsOkClears() {
        Lambda.invoke(Events.load("alarm-action/composite-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("checkout-composite"))
                .body("alerts[0].services.service", is(List.of("checkout")))
                .body("alerts[0].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption", "start_time": "2023-08-04T12:36:15Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """)));
        String opened = Neighbours.statusHub().incidents().get(0).get("id").asText();

        Lambda.invoke(Events.load("alarm-action/composite-ok.json")).statusCode(200)
                .body("alerts[0].state", is("clear"))
                .body("alerts[0].services.result", is(List.of("updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + opened
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"start_time": "2023-08-04T13:06:15Z", "incident_type": "monitoring",
                         "service_statuses": [{"service_id": 101, "status": "up"}]}
                        """, true, true)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json           | event                       | is not valid JSON (line
            alarm-data-is-a-string.json   | $.alarmData                 | must be an object
            state-value-is-a-boolean.json | $.alarmData.state.value     | must be a string
            missing-alarm-name.json       | $.alarmData.alarmName       | missing or empty string
            missing-state.json            | $.alarmData.state           | missing object
            unknown-state.json            | $.alarmData.state.value     | unknown alarm state 'WARNING'
            bad-timestamp.json            | $.alarmData.state.timestamp | not a timestamp: '2023-08-04 at noon'
            no-alarm-data.json            | $                           | unrecognised event
            """)
    void aBadAlarmActionFailsTheInvocationSayingWhatAndWhereAndWritesNothing(String file, String where,
            String what) {
        Lambda.invoke(Events.badInput("alarm-action/" + file)).statusCode(500)
                .body("errorMessage", startsWith("bad event: " + where + ": "))
                .body("errorMessage", containsString(what))
                .body("errorMessage", not(containsString("\tat ")));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anEventOverLambdasPayloadLimitFailsTheInvocationAndWritesNothing() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Events.load("alarm-action/1-alarm.json"));
        ((ObjectNode) event.get("alarmData").get("state")).put("reason", "test ".repeat(1_400_000));

        Lambda.invoke(event.toString()).statusCode(500)
                .body("errorMessage", is("bad event: event: larger than Lambda's payload limit"));
        Journal.assertStatusHubUntouched();
    }
}
