package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
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

        for (long serviceId : new long[] {101, 102}) {
            Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                    .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                    .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("json"))
                    .withRequestBody(equalToJson("""
                            {"title": "ServerCpuTooHigh", "start_time": "2019-10-02T17:04:40Z",
                             "incident_type": "investigating", "body": "${json-unit.any-string}",
                             "service_statuses": [{"service_id": %d, "status": "down"}]}
                            """.formatted(serviceId))));
        }
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    @Test
    void okMovesTheSameIncidentsToMonitoringWithServicesUp() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        // Creates fan out in parallel: take each service's incident by its service, not by creation order.
        List<String> opened = java.util.stream.Stream.of(101, 102).map(service -> Neighbours.statusHub().incidents()
                .stream().filter(i -> i.at("/incident_updates/0/service_statuses/0/service_id").asInt() == service)
                .findFirst().orElseThrow().get("id").asText()).toList();

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].state", is("clear"))
                .body("alerts[0].services.result", is(List.of("updated", "updated")))
                .body("alerts[0].services.incidentId", is(opened));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + opened.get(0)
                + "/incident_updates")).withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                .withRequestBody(equalToJson("""
                        {"title": "ServerCpuTooHigh", "start_time": "2019-10-02T17:34:40Z",
                         "incident_type": "monitoring", "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": 101, "status": "up"}]}
                        """)));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + opened.get(1)
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"incident_type": "monitoring", "service_statuses": [{"service_id": 102, "status": "up"}]}
                        """, true, true)));
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
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
        assertNoWrites();
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
        assertNoWrites();
    }

    @Test
    void aRetitledIncidentStillClearsAndKeepsThePersonsTitle() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        String checkout = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.statusHub().personUpdates(checkout, "identified", "Checkout is slow for some customers");

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + checkout
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"title": "Checkout is slow for some customers", "incident_type": "monitoring"}
                        """, true, true)));
    }

    @Test
    void anUnlinkedAlarmWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/unlinked-alarm.json")).statusCode(200)
                .body("alerts[0].note", containsString("no service is linked"));
        assertNoWrites();
        Neighbours.wireMock().verify(0, getRequestedFor(urlMatching("/api/v3/.*")));
    }

    @Test
    void insufficientDataWritesNothing() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200)
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        assertNoWrites();
    }

    @Test
    void aCompositeAlarmOpensAnIncidentLikeAMetricAlarm() {
        Lambda.invoke(Events.load("eventbridge/composite-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("checkout-composite"))
                .body("alerts[0].services.result", is(List.of("created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"title": "checkout-composite", "start_time": "2022-07-22T15:57:45Z",
                         "body": "${json-unit.regex}[\\\\s\\\\S]*Checkout is failing for customers[\\\\s\\\\S]*",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void aLevel2LinkIsIgnoredForALevel1Alert() {
        Lambda.invoke(Events.load("eventbridge/level-1-alarm-of-level-2-monitor.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(1))
                .body("alerts[0].note", containsString("escalation level 1"));
        assertNoWrites();

        Lambda.invoke(Events.load("eventbridge/level-2-alarm.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(2))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("created")));
    }

    static void assertNoWrites() {
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/api/v3/.*")));
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/hooks/.*")));
    }
}
