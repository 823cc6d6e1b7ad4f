package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.handler.ExecutionEnvironment;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The page ends as the open incidents justify, whatever interleaves: events of one outage handled at once in
 * several execution environments (their writes held by the StatusHub stand-in until every one has decided, then
 * landed in the bad order), people's own incidents, and late or retried events. Each scenario ends by reading the
 * page as a customer sees it: each service's status is the one its newest landed update set.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class PageConvergesTest {
    private static final long CHECKOUT = 101;
    private static final long SEARCH = 102;
    private static final long PAYMENTS = 103;
    private static final String CPU_OPENED = "2024-05-01T10:00:00.000+0000";
    private static final String THREE_OPENED = "2024-05-01T10:01:00.000+0000";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /**
     * Two alarms share Checkout and Search; their OKs run at the same moment in two environments. Each decides while
     * the other's incident is still open ("stays down while 1 other incident is open") and both writes land: without
     * convergence the services stay down for ever with every incident in Monitoring.
     */
    @RepeatedTest(3)
    void concurrentRecoveriesInTwoEnvironmentsBringEverySharedServiceUp() throws Exception {
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", CPU_OPENED)).statusCode(200);
        Lambda.invoke(Events.alarm("ThreeServices", THREE_OPENED)).statusCode(200);
        // Both OKs' five clears decided before any lands.
        Neighbours.statusHub().gateWrites(5, body -> false, 5_000);

        var race = Lambda.atOnce(Events.ok("ServerCpuTooHigh", CPU_OPENED, "2024-05-01T10:30:00.000+0000"),
                Events.ok("ThreeServices", THREE_OPENED, "2024-05-01T10:30:00.000+0000"));
        String reports = race.here() + race.there().body();

        assertThat(race.there().failed()).as(race.there().body()).isFalse();
        assertThat(reports).as("the race happened: a clear saw the other still open")
                .contains("corrected to up");
        assertThat(page()).containsExactly("up", "up", "up");
        assertThat(latestTypes()).containsOnly("monitoring");
    }

    /**
     * Alarm A is open on Checkout; A's OK and a new alarm B on Checkout arrive together in two environments, and A's
     * clear lands after B's create: Checkout must not show up while B's incident is open.
     */
    @RepeatedTest(3)
    void aClearLandingAfterAnotherAlarmsCreateLeavesTheServiceDown() throws Exception {
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", CPU_OPENED)).statusCode(200);
        Neighbours.statusHub().gateWrites(3, body -> body.contains("\"monitoring\""), 5_000);

        var race = Lambda.atOnce(Events.ok("ServerCpuTooHigh", CPU_OPENED, "2024-05-01T10:30:00.000+0000"),
                Events.alarm("checkout-composite", "2024-05-01T10:29:59.000+0000"));
        assertThat(race.there().failed()).as("the open: " + race.there().body()).isFalse();

        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).isEqualTo("up");
    }

    /** A person's open incident says Checkout is down: an alarm's open and clear leave it down. */
    @Test
    void aPersonsOpenIncidentKeepsTheServiceDownThroughAnAlarmsClear() {
        Neighbours.statusHub().seed("Payment provider outage", "2024-05-01T09:00:00Z", "identified",
                "We are working with our payment provider.", CHECKOUT, "down");
        Lambda.invoke(Events.alarm("checkout-composite", CPU_OPENED)).statusCode(200);
        Lambda.invoke(Events.ok("checkout-composite", CPU_OPENED, "2024-05-01T10:30:00.000+0000")).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));

        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        JsonNode clear = Neighbours.statusHub().incidents().get(1).get("incident_updates").get(0);
        assertThat(clear.get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(clear.get("body").asText())
                .contains("Checkout is still affected by another ongoing incident, “Payment provider outage”");
    }

    /** A person resolved the bridge's incident too early and reopened it: the alarm's OK still ends it. */
    @Test
    void anIncidentAPersonReopenedAfterResolvingIsClearedByTheAlarmsOk() {
        Lambda.invoke(Events.alarm("checkout-composite", CPU_OPENED)).statusCode(200);
        String id = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.statusHub().personSets(id, "resolved", CHECKOUT, "up");
        Neighbours.statusHub().personSets(id, "investigating", CHECKOUT, "down");

        Lambda.invoke(Events.ok("checkout-composite", CPU_OPENED, "2024-05-01T10:30:00.000+0000")).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
        assertThat(latestTypes()).containsExactly("monitoring");
    }

    /**
     * The OK fails (StatusHub 503), the alarm fires again, then Lambda retries the old OK: the alarm is in ALARM since
     * after that OK, so the retried OK clears nothing.
     */
    @Test
    void aRetriedOkOlderThanTheAlarmsCurrentAlarmPeriodClearsNothing() {
        Lambda.invoke(Events.alarm("checkout-composite", CPU_OPENED)).statusCode(200);
        String ok = Events.ok("checkout-composite", CPU_OPENED, "2024-05-01T10:30:00.000+0000");
        String id = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/api/v3/hubs/acme/incidents/" + id + "/incident_updates"))
                .atPriority(1).inScenario("503 once").whenScenarioStateIs(STARTED).willSetStateTo("up again")
                .willReturn(aResponse().withStatus(503)));
        Neighbours.cloudWatch().alarm("checkout-composite", "OK", Instant.parse("2024-05-01T10:30:00Z"));
        Lambda.invoke(ok).statusCode(500);

        Neighbours.cloudWatch().alarm("checkout-composite", "ALARM", Instant.parse("2024-05-01T10:35:00Z"));
        Lambda.invoke(Events.alarm("checkout-composite", "2024-05-01T10:35:00.000+0000")).statusCode(200)
                .body("alerts[0].services[0].result", is("unchanged"));
        Lambda.invoke(ok).statusCode(200).body("alerts[0].state", is("no-change"))
                .body("alerts[0].note", containsString("the alarm fired again after this OK"));

        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        assertThat(latestTypes()).containsExactly("investigating");
    }

    /** An ALARM fails, its OK finds nothing to clear, Lambda retries the ALARM: the alarm is OK now, nothing opens. */
    @Test
    void aRetriedAlarmAfterItsOkOpensNothing() {
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/api/v3/hubs/acme/incidents")).atPriority(1)
                .inScenario("503 once").whenScenarioStateIs(STARTED).willSetStateTo("up again")
                .willReturn(aResponse().withStatus(503)));
        String alarm = Events.alarm("checkout-composite", CPU_OPENED);
        Neighbours.cloudWatch().alarm("checkout-composite", "ALARM", Instant.parse("2024-05-01T10:00:00Z"));
        Lambda.invoke(alarm).statusCode(500);
        Neighbours.cloudWatch().alarm("checkout-composite", "OK", Instant.parse("2024-05-01T10:01:00Z"));
        Lambda.invoke(Events.ok("checkout-composite", CPU_OPENED, "2024-05-01T10:01:00.000+0000")).statusCode(200);

        Lambda.invoke(alarm).statusCode(200).body("alerts[0].state", is("no-change"))
                .body("alerts[0].note", containsString("the alarm is OK now"));
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
    }

    /**
     * A person resolved the incident while the alarm stays in ALARM; a multi-time-series alarm's ALARM → ALARM
     * update and an SNS "still in ALARM" notification open nothing: the person's Resolved holds for the error.
     */
    @Test
    void aPersonsResolvedHoldsThroughAlarmToAlarmUpdates() {
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", "2019-10-02T17:04:40.989+0000")).statusCode(200);
        for (JsonNode incident : Neighbours.statusHub().incidents()) {
            Neighbours.statusHub().personSets(incident.get("id").asText(), "resolved",
                    incident.at("/incident_updates/0/service_statuses/0/service_id").asLong(), "up");
        }
        String stillInAlarm = Events.load("eventbridge/1-alarm.json")
                .replace("\"timestamp\": \"2019-10-01T13:56:40.987+0000\",\n            \"value\": \"OK\"",
                        "\"timestamp\": \"2019-10-02T17:04:40.989+0000\",\n            \"value\": \"ALARM\"")
                .replace("\"timestamp\": \"2019-10-02T17:04:40.989+0000\",\n            \"value\": \"ALARM\"\n"
                        + "        }\n    }",
                        "\"timestamp\": \"2019-10-02T17:20:40.989+0000\",\n"
                                + "            \"value\": \"ALARM\"\n        }\n    }");
        assertThat(stillInAlarm).contains("2019-10-02T17:20:40.989+0000");
        Lambda.invoke(stillInAlarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped", "skipped")));
        Lambda.invoke(Events.load("sns/1-alarm.json")).statusCode(200);
        JsonNode viaSns = Neighbours.statusHub().incidents().get(2);
        Neighbours.statusHub().personSets(viaSns.get("id").asText(), "resolved", SEARCH, "up");
        String snsStillInAlarm = Events.load("sns/1-alarm.json").replace(
                "OldStateValue\\\": \\\"INSUFFICIENT_DATA", "OldStateValue\\\": \\\"ALARM");
        assertThat(snsStillInAlarm).contains("OldStateValue\\\": \\\"ALARM");
        Lambda.invoke(snsStillInAlarm).statusCode(200).body("alerts[0].services.result", is(List.of("skipped")));

        assertThat(Neighbours.statusHub().incidents()).hasSize(3);
        assertThat(page()).containsExactly("up", "up", "up");
    }

    /**
     * One environment read the incident in full and kept it; a person moved it to Monitoring; the next outage of the
     * alarm in that environment must see it is no longer open and open a new incident.
     */
    @Test
    void anEnvironmentsKeptReadOfAnIncidentChangesWhenAPersonChangesIt() {
        Neighbours.statusHub().sendUpdatedAt();
        var other = ExecutionEnvironment.another();
        assertThat(other.invoke(Events.alarm("checkout-composite", CPU_OPENED)).failed()).isFalse();
        assertThat(other.invoke(Events.alarm("checkout-composite", CPU_OPENED)).body()).contains("already open");
        String id = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.statusHub().personSets(id, "monitoring", CHECKOUT, "up");

        ExecutionEnvironment.Answer next = other.invoke(Events.alarm("checkout-composite",
                "2024-05-01T12:00:00.000+0000"));
        assertThat(next.body()).contains("\"result\":\"created\"");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
    }

    private static List<String> page() {
        return List.of(CHECKOUT, SEARCH, PAYMENTS).stream().map(Neighbours.statusHub()::pageStatus).toList();
    }

    private static List<String> latestTypes() {
        return Neighbours.statusHub().incidents().stream()
                .map(i -> i.get("incident_updates").get(0).get("incident_type").asText()).toList();
    }
}
