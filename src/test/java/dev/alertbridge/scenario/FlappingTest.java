package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An alarm that clears and fires again ten minutes later continues its incident ({@code "reopenWithin": "30m"})
 * instead of opening a second one: one public incident, not one per flap; a person's Resolved still ends it.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class FlappingTest {
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private Instant t0;

    @BeforeEach
    void thirtyMinutesToFlap() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, "reopenWithin": "30m",
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "checkout-*", "services": ["checkout"]}]}
                        """.formatted(Neighbours.baseUrl()))));
        t0 = MovableClock.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    }

    private String at(long minutes) {
        return CLOUDWATCH.format(t0.plus(Duration.ofMinutes(minutes)));
    }

    private JsonNode onlyIncident() {
        List<JsonNode> incidents = Neighbours.statusHub().incidents();
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    @Test
    void anAlarmFiringAgainSoonAfterItsClearContinuesItsIncidentAndClearsItAgain() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(10))).statusCode(200);

        Lambda.invoke(Events.alarm("checkout-5xx", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        JsonNode incident = onlyIncident();
        assertThat(incident.at("/incident_updates/0/incident_type").asText()).isEqualTo("investigating");
        assertThat(incident.at("/incident_updates/0/body").asText()).startsWith("The issue has returned: Checkout "
                + "has been disrupted again since " + at(20).substring(0, 10));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");

        Lambda.invoke(Events.ok("checkout-5xx", at(20), at(25))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        assertThat(onlyIncident().at("/incident_updates/0/incident_type").asText()).isEqualTo("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void anAlarmFiringAgainLongAfterItsClearOpensANewIncident() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(10))).statusCode(200);

        Lambda.invoke(Events.alarm("checkout-5xx", at(50))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }

    @Test
    void aPersonsResolvedEndsTheIncidentForGood() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(10))).statusCode(200);
        Neighbours.statusHub().personUpdates(onlyIncident().get("id").asText(), "resolved", null);

        Lambda.invoke(Events.alarm("checkout-5xx", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }
}
