package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A CloudWatch alarm delivered by an EventBridge rule opens and clears incidents on its linked services. */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class CloudWatchAlarmViaEventBridgeTest {

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void alarmOpensOneIncidentPerLinkedService() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("ServerCpuTooHigh"))
                .body("alerts[0].state", is("open"))
                .body("alerts[0].services.service", is(List.of("checkout", "search")))
                .body("alerts[0].services.result", is(List.of("created", "created")));

        Journal.verifyCreated(101, "Checkout: Service disruption", "2019-10-02T17:04:40Z");
        Journal.verifyCreated(102, "Search: Service disruption", "2019-10-02T17:04:40Z");
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    /** The id of the incident StatusHub shows for this service (the bridge opens one per service). */
    static String incidentOf(long serviceId) {
        return Neighbours.statusHub().incidents().stream()
                .filter(i -> i.get("incident_updates").get(i.get("incident_updates").size() - 1)
                        .get("service_statuses").get(0).get("service_id").asLong() == serviceId)
                .map(i -> i.get("id").asText()).findFirst().orElseThrow();
    }

    @Test
    void theSameAlarmDeliveredThreeTimesOpensOneIncidentPerService() {
        for (int delivery = 0; delivery < 3; delivery++) {
            Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        }
        Neighbours.wireMock().verify(2, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents")));
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    @Test
    void okWithNoIncidentWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")))
                .body("alerts[0].services[0].why", containsString("no open incident"));
        Journal.assertNoWrites();
    }

    @Test
    void okAfterAPersonResolvedTheIncidentWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        for (JsonNode incident : Neighbours.statusHub().incidents()) {
            Neighbours.statusHub().personUpdates(incident.get("id").asText(), "resolved", null);
        }
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped", "skipped")))
                .body("alerts[0].services[0].why", containsString("resolved by a person"));
        Journal.assertNoWrites();
    }

    @Test
    void aRetitledIncidentStillClearsAndKeepsThePersonsTitle() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        String checkout = incidentOf(101);
        Neighbours.statusHub().personUpdates(checkout, "identified", "Checkout is slow for some customers");

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + checkout
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"incident_type": "monitoring"}
                        """, true, true)).withRequestBody(notContaining("\"title\"")));
        assertThat(Neighbours.statusHub().incidents()).filteredOn(i -> i.get("id").asText().equals(checkout))
                .extracting(i -> i.get("title").asText()).containsExactly("Checkout is slow for some customers");
    }

    @Test
    void anUnlinkedAlarmWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/unlinked-alarm.json")).statusCode(200)
                .body("alerts[0].note", containsString("no service is linked"));
        Journal.assertNoWrites();
        Neighbours.wireMock().verify(0, getRequestedFor(urlMatching("/api/v3/.*")));
    }

    @Test
    void insufficientDataWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200)
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        Journal.assertNoWrites();
    }

    @Test
    void aCompositeAlarmOpensAnIncidentLikeAMetricAlarm() {
        Lambda.invoke(Events.load("eventbridge/composite-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("checkout-composite"))
                .body("alerts[0].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "Checkout: Service disruption", "start_time": "2022-07-22T15:57:45Z",
                         "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void aLevel2LinkIsIgnoredForALevel1Alert() {
        Lambda.invoke(Events.load("eventbridge/level-1-alarm-of-level-2-monitor.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(1))
                .body("alerts[0].note", containsString("escalation level 1"));
        Journal.assertNoWrites();

        Lambda.invoke(Events.load("eventbridge/level-2-alarm.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(2))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));
    }

    /** Nothing reached StatusHub's state, whatever was attempted. */
}
