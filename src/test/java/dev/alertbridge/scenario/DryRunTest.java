package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** In dry run the function shows the requests it would send, secrets redacted, and sends none. */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(DryRunTest.DryRun.class)
class DryRunTest {

    public static class DryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.dry-run", "true");
        }
    }

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void anAlarmShowsTheRequestsItWouldSendAndSendsNone() {
        Lambda.invoke(Events.load("eventbridge/widget-1-alarm.json")).statusCode(200)
                .body("dryRun", is(true))
                .body("alerts[0].services.result", is(List.of("created", "created")))
                .body("alerts[0].services[0].request", allOf(
                        containsString("POST " + Neighbours.baseUrl() + "/hooks/generic "),
                        containsString("\"state\":\"investigating\""), not(containsString(TestConfig.HOOK_TOKEN))))
                .body("alerts[0].services[1].request", allOf(
                        containsString("POST " + Neighbours.baseUrl() + "/api/v3/hubs/acme/incidents "),
                        containsString("\"service_id\":101"), not(containsString(TestConfig.API_KEY))));
        Neighbours.wireMock().verify(0, anyRequestedFor(urlMatching("/(api/v3|hooks)/.*")));
        org.assertj.core.api.Assertions.assertThat(LogCapture.lines())
                .anyMatch(line -> line.contains("dry run, not sent: POST " + Neighbours.baseUrl() + "/hooks/generic "))
                .noneMatch(line -> line.contains(TestConfig.HOOK_TOKEN) || line.contains(TestConfig.API_KEY));
    }

    @Test
    void theClearThenShowsTheUpdateOfTheSameIncident() {
        String incident = Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .extract().path("alerts[0].services[0].incidentId");
        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"))
                .body("alerts[0].services[0].request", containsString("/incidents/" + incident + "/incident_updates"));
    }

    @Test
    void aSharedIncidentShowsItsOneCreateNamingEveryService() {
        dev.alertbridge.support.ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY,
                TestConfig.WEBHOOK_TOKEN),
                new dev.alertbridge.support.ParameterStore.Parameter(
                        dev.alertbridge.support.ParameterStore.PATH + "links", "String", """
                                {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                                 "services": {"checkout": {"name": "Checkout", "serviceId": 101},
                                              "search": {"name": "Search", "serviceId": 102}},
                                 "links": [{"monitor": "ServerCpuTooHigh", "services": ["checkout", "search"],
                                            "group": "alert"}]}
                                """.formatted(Neighbours.baseUrl()))));

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")))
                .body("alerts[0].services[0].request", allOf(
                        containsString("POST " + Neighbours.baseUrl() + "/api/v3/hubs/acme/incidents "),
                        containsString("\"title\":\"Checkout and Search: Service disruption\""),
                        containsString("{\"service_id\":101,\"status\":\"down\"},{\"service_id\":102,"
                                + "\"status\":\"down\"}")));
        Neighbours.wireMock().verify(0, anyRequestedFor(urlMatching("/(api/v3|hooks)/.*")));
    }
}
