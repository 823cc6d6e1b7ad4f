package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What EventBridge adds to a CloudWatch alarm: alarm tags carrying the escalation level, per-contributor events of
 * multi time-series alarms (which change nothing), muted alarms (an ALARM changes nothing, an OK still clears), and
 * links embedded in the event by an input transformer ({@code {"alarm": <event>, "links": [...]}}), validated like
 * stored links and used instead of them. Also the bad EventBridge events.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class CloudWatchExtrasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void theOkOfAnAlarmTaggedLevel2ClearsTheIncidentOfItsLevel2Link() {
        Lambda.invoke(Events.load("eventbridge/level-2-alarm.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(2))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));
        String opened = Neighbours.statusHub().incidents().get(0).get("id").asText();

        Lambda.invoke(Events.load("eventbridge/level-2-ok.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(2))
                .body("alerts[0].services.result", is(List.of("updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + opened
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"start_time": "2019-10-02T17:34:40Z", "incident_type": "monitoring",
                         "service_statuses": [{"service_id": 103, "status": "up"}]}
                        """, true, true)));
    }

    @Test
    void aContributorStateChangeOfAMultiTimeSeriesAlarmChangesNothing() {
        Lambda.invoke(Events.load("eventbridge/contributor-state-change.json")).statusCode(200)
                .body("alerts[0].monitor", is("ServerCpuTooHigh"))
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aMultiTimeSeriesAlarmOpensOneIncidentPerServiceWhateverItsContributors() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("eventbridge/contributor-state-change.json")).statusCode(200);
        Lambda.invoke(Events.load("eventbridge/contributor-state-change.json")).statusCode(200);

        assertThat(Journal.creates()).isEqualTo(2);
        assertThat(Journal.updates()).isZero();
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    @Test
    void deletingAnAlarmInAlarmClearsItsIncidentsAndOtherConfigurationChangesDoNothing() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        Lambda.invoke(Events.load("eventbridge/configuration-change-update.json")).statusCode(200)
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        assertThat(Journal.updates()).isZero();

        Lambda.invoke(Events.load("eventbridge/configuration-change-delete.json")).statusCode(200)
                .body("alerts[0].state", is("clear"))
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        assertThat(Neighbours.statusHub().incidents()).extracting(i -> i.at("/incident_updates/0/incident_type")
                .asText()).containsOnly("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void aMutedAlarmChangesNothing() {
        Lambda.invoke(Events.load("eventbridge/muted-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("ServerCpuTooHigh"))
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anOkDuringAMuteWindowStillClears() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        Lambda.invoke(Events.load("eventbridge/muted-ok.json")).statusCode(200)
                .body("alerts[0].state", is("clear"))
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        assertThat(Journal.updates()).isEqualTo(2);
    }

    @Test
    void linksEmbeddedInTheEventAreUsedInsteadOfTheStoredLinks() {
        Lambda.invoke(Events.load("eventbridge/with-links-1-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("ServerCpuTooHigh"))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Payments: Service disruption", "start_time": "2019-10-02T17:04:40Z",
                         "incident_type": "investigating", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 103, "status": "down"}]}
                        """)));
        assertThat(Journal.creates()).as("checkout and search, linked in Parameter Store, untouched").isEqualTo(1);
    }

    @Test
    void anOkWithEmbeddedLinksClearsWhatItsAlarmOpened() {
        Lambda.invoke(Events.load("eventbridge/with-links-1-alarm.json")).statusCode(200);
        String opened = Neighbours.statusHub().incidents().get(0).get("id").asText();

        Lambda.invoke(Events.load("eventbridge/with-links-2-ok.json")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("updated")))
                .body("alerts[0].services.incidentId", is(List.of(opened)));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-service.json      | $.links[0].services[0]     | links to undefined service 'billing'
            unknown-field.json        | $.links[0].service         | unknown field
            links-not-an-array.json   | $.links                    | must be an array of links
            bad-escalation-level.json | $.links[0].escalationLevel | must be 1, 2 or 3
            alarm-is-a-webhook.json   | $.alarm                    | must be a CloudWatch alarm event
            alarm-without-name.json   | $.alarm.detail.alarmName   | missing or empty string
            """)
    void badEmbeddedLinksFailTheInvocationSayingWhatAndWhereAndWriteNothing(String file, String where, String what) {
        Lambda.invoke(Events.badInput("embedded-links/" + file)).statusCode(500)
                .body("errorMessage", anyOf(startsWith("bad event: " + where + ": "),
                        startsWith("invalid configuration in event at " + where + ": ")))
                .body("errorMessage", containsString(what))
                .body("errorMessage", not(containsString("\tat ")));
        Journal.assertStatusHubUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-json.json           | event                               | is not valid JSON (line
            detail-is-a-string.json       | $.detail                            | must be an object
            state-value-is-an-array.json  | $.detail.state.value                | must be a string
            missing-alarm-name.json       | $.detail.alarmName                  | missing or empty string
            unknown-state.json            | $.detail.state.value                | unknown alarm state 'BREACHING'
            bad-timestamp.json            | $.detail.state.timestamp            | not a timestamp: '02/10/19 17:04:40'
            bad-escalation-tag.json       | $.detail.alarmTags.escalation_level | escalation level must be 1, 2 or 3
            not-an-alarm-detail-type.json | $.detail-type                       | not a CloudWatch alarm event
            ec2-state-change.json         | $                                   | unrecognised event
            """)
    void aBadEventBridgeEventFailsTheInvocationSayingWhatAndWhereAndWritesNothing(String file, String where,
            String what) {
        Lambda.invoke(Events.badInput("eventbridge/" + file)).statusCode(500)
                .body("errorMessage", startsWith("bad event: " + where + ": "))
                .body("errorMessage", containsString(what))
                .body("errorMessage", not(containsString("\tat ")));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anEventBridgeEventOverLambdasPayloadLimitFailsTheInvocationAndWritesNothing() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Events.load("eventbridge/1-alarm.json"));
        ((ObjectNode) event.get("detail").get("configuration")).put("description", "CPU ".repeat(1_700_000));

        Lambda.invoke(event.toString()).statusCode(500)
                .body("errorMessage", is("bad event: event: larger than Lambda's payload limit"));
        Journal.assertStatusHubUntouched();
    }
}
