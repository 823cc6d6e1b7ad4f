package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Events arrive late, twice, or in the wrong order; only the times they carry and StatusHub decide. */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class OutOfOrderEventsTest {

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void aLateClearOfAnEarlierAlertLeavesTheCurrentIncidentOpen() {
        Lambda.invoke(Events.alarm("ThreeServices", "2024-05-01T08:00:00.000+0000")).statusCode(200);
        Lambda.invoke(Events.ok("ThreeServices", "2024-05-01T08:00:00.000+0000", "2024-05-01T08:30:00.000+0000"))
                .statusCode(200);
        Lambda.invoke(Events.alarm("ThreeServices", "2024-05-01T09:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created", "created")));
        Neighbours.wireMock().resetRequests();

        // SNS or a replay delivers the first clear again, after the second alert opened.
        Lambda.invoke(Events.ok("ThreeServices", "2024-05-01T08:00:00.000+0000", "2024-05-01T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("skipped", "skipped", "skipped")))
                .body("alerts[0].services[0].why", org.hamcrest.Matchers.containsString("the clear is older than"));
        Journal.assertNoWrites();
        assertThat(Neighbours.statusHub().incidents()).filteredOn(i -> i.get("start_time").asText()
                .equals("2024-05-01T09:00:00Z")).allSatisfy(
                        i -> assertThat(
                                i.get("incident_updates").get(0).get("incident_type").asText()).isEqualTo("investigating"));
    }

    @Test
    void anOpenArrivingAfterItsClearWasAppliedDoesNotReopen() {
        String alarm = Events.alarm("ThreeServices", "2024-05-02T08:00:00.000+0000");
        Lambda.invoke(alarm).statusCode(200);
        Lambda.invoke(Events.ok("ThreeServices", "2024-05-02T08:00:00.000+0000", "2024-05-02T08:30:00.000+0000"))
                .statusCode(200);
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged", "unchanged")))
                .body("alerts[0].services[0].why", containsString("already cleared"));
        Journal.assertNoWrites();
    }

    @Test
    void aClearThatDoesNotNameItsAlertAndIsOlderThanTheOpenIncidentIsIgnored() {
        // SNS clears carry no episode: the monitor's open incident is found, but this clear predates it.
        Lambda.invoke(Events.load("sns/1-alarm.json").replace("2015-06-03T17:43:27.123+0000",
                "2015-06-03T19:00:00.000+0000")).statusCode(200);
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped")))
                .body("alerts[0].services[0].why", containsString("the clear is older than incident"));
        Journal.assertNoWrites();
    }

    @Test
    void aClearThatDoesNotNameItsAlertClearsTheMonitorsOpenIncident() {
        Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated")));
        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        assertThat(Neighbours.statusHub().incidents()).singleElement().satisfies(i -> assertThat(
                i.get("incident_updates").get(0).get("incident_type").asText()).isEqualTo("monitoring"));
    }
}
