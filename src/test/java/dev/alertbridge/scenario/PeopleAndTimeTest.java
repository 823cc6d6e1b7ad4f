package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.handler.ExecutionEnvironment;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import dev.alertbridge.transition.IncidentRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * People work in StatusHub beside the bridge, over hours: what a person sets on the bridge's incidents holds on
 * every path, a flap remembers each of its episodes, and a hold holds whatever path the alarm takes.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class PeopleAndTimeTest {
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Instant t0;

    @BeforeEach
    void checkoutLinkedInRepairMode() {
        Neighbours.resetToDefaults();
        configure("");
        t0 = MovableClock.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void configure(String whole) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, %s
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "checkout-*", "services": ["checkout"]}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl(), whole))));
    }

    private String at(long minutes) {
        return CLOUDWATCH.format(t0.plus(Duration.ofMinutes(minutes)));
    }

    private static String onlyIncident() {
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
        return Neighbours.statusHub().incidents().get(0).get("id").asText();
    }

    private static JsonNode newestUpdate(String incidentId) {
        return Neighbours.statusHub().incidents().stream().filter(i -> i.get("id").asText().equals(incidentId))
                .findFirst().orElseThrow().at("/incident_updates/0");
    }

    /** The EventBridge state change of {@code alarm}, with its previous state. */
    private static String change(String alarm, String state, String at, String previous, String previousAt) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Events.alarm(alarm, at));
            ObjectNode detail = (ObjectNode) event.get("detail");
            ((ObjectNode) detail.get("state")).put("value", state);
            ((ObjectNode) detail.get("previousState")).put("value", previous).put("timestamp", previousAt);
            return event.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // 1. The page check compares with the bridge's own write, never a person's.

    @Test
    void aPersonsMonitoringWithDegradedPerformanceOnTheBridgesClearedIncidentStandsThroughTheRepairRun() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(30))).statusCode(200);
        String incident = onlyIncident();
        // "Fix deployed, some users still slow."
        Neighbours.statusHub().personSets(incident, "monitoring", 101, "degraded-performance");
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));

        Journal.assertNoWrites();
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("degraded-performance");
    }

    @Test
    void aPersonsIdentifiedWithDegradedPerformanceOnTheBridgesOpenIncidentStandsThroughTheRepairRun() {
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", t0);
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Neighbours.statusHub().personSets(onlyIncident(), "identified", 101, "degraded-performance");
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));

        Journal.assertNoWrites();
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("degraded-performance");
    }

    // 2. A person's Resolved or Monitoring ends the error until the alarm has left ALARM.

    /** CloudWatch's history of checkout-5xx: ALARM at 0, INSUFFICIENT_DATA at 20 minutes, ALARM again at 25. */
    private void historyOfAlarmInsufficientDataAlarm() {
        for (String[] change : new String[][] { { "OK", "ALARM", "0" }, { "ALARM", "INSUFFICIENT_DATA", "20" },
                { "INSUFFICIENT_DATA", "ALARM", "25" } }) {
            Neighbours.cloudWatch().stateChange("checkout-5xx", t0.plus(Duration.ofMinutes(Long.parseLong(change[2])))
                    .plusMillis(1012), change[0], change[1]);
        }
    }

    @Test
    void aPersonsResolvedHoldsThroughInsufficientDataAndBackToAlarm() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Neighbours.statusHub().personUpdates(onlyIncident(), "resolved", null);
        historyOfAlarmInsufficientDataAlarm();

        Lambda.invoke(change("checkout-5xx", "INSUFFICIENT_DATA", at(20), "ALARM", at(0))).statusCode(200);
        Lambda.invoke(change("checkout-5xx", "ALARM", at(25), "INSUFFICIENT_DATA", at(20))).statusCode(200)
                .body("alerts[0].note", containsString("the same error"))
                .body("alerts[0].services[0].result", is("skipped"));

        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aPersonsResolvedHoldsThroughInsufficientDataAlsoForTheReconciliation() {
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Neighbours.statusHub().personUpdates(onlyIncident(), "resolved", null);
        historyOfAlarmInsufficientDataAlarm();
        // CloudWatch says since when the alarm is in ALARM: since it came back from INSUFFICIENT_DATA.
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", t0.plus(Duration.ofMinutes(25)).plusMillis(1000));

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0))
                .body("notes[0]", containsString("the same error"));

        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aPersonsMonitoringHoldsThroughACompositesUpdateWithANewEpisodeKey() {
        Lambda.invoke(Events.alarm("checkout-composite-1", at(0))).statusCode(200);
        Neighbours.statusHub().personUpdates(onlyIncident(), "monitoring", null);

        Lambda.invoke(change("checkout-composite-1", "ALARM", at(40), "ALARM", at(30))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"))
                .body("alerts[0].services[0].why", containsString("set to monitoring by a person"));

        assertThat(Journal.creates()).isEqualTo(1);
    }

    // 3. A flap remembers each episode, and a person's Resolved during the continuation stands.

    @Test
    void aRepeatedOpenOfAFlapsSecondEpisodeAfterItsClearFindsTheIncidentItContinued() {
        configure("\"reopenWithin\": \"30m\",");
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(10))).statusCode(200);
        Lambda.invoke(Events.alarm("checkout-5xx", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        Lambda.invoke(Events.ok("checkout-5xx", at(20), at(25))).statusCode(200);

        // EventBridge delivers the second episode's ALARM again, in another environment.
        ExecutionEnvironment.Answer repeat = ExecutionEnvironment.another()
                .invoke(Events.alarm("checkout-5xx", at(20)));

        assertThat(repeat.body()).contains("already cleared");
        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(newestUpdate(onlyIncident()).get("incident_type").asText()).isEqualTo("monitoring");
    }

    @Test
    void aPersonsResolvedThatLandsWhileAFlapContinuesTheIncidentStillEndsIt() {
        configure("\"reopenWithin\": \"30m\",");
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", at(0), at(10))).statusCode(200);
        String incident = onlyIncident();
        // The person resolves it between the bridge's read and its write of the continuation.
        Neighbours.statusHub().beforeNextUpdate(() -> Neighbours.statusHub().personUpdates(incident, "resolved",
                null));

        Lambda.invoke(Events.alarm("checkout-5xx", at(20))).statusCode(200);

        JsonNode newest = newestUpdate(incident);
        assertThat(newest.get("incident_type").asText()).isEqualTo("resolved");
        assertThat(newest.get("body").asText()).isEqualTo("Update from the on-call engineer.");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    // 4. A hold holds on every path.

    @Test
    void anSnsStillInAlarmNotificationIsHeldLikeEveryOtherPath() {
        configure("\"holdDown\": \"10m\",");
        // SNS says "still in ALARM" (old state ALARM) and not since when.
        String stillInAlarm = Events.load("sns/1-alarm.json").replace("EXAMPLE", "checkout-5xx")
                .replace("OldStateValue\\\": \\\"INSUFFICIENT_DATA", "OldStateValue\\\": \\\"ALARM");
        assertThat(stillInAlarm).contains("OldStateValue\\\": \\\"ALARM");

        Lambda.invoke(stillInAlarm).statusCode(200).body("alerts[0].services[0].result", is("skipped"))
                .body("alerts[0].services[0].why", containsString("held"));

        Journal.assertNoWrites();
    }

    // 5. A duplicate the bridge resolved never counts as the alert's incident.

    @Test
    void theTwinTheBridgeResolvedIsNotTheAlertsIncidentWhenAPersonResolvedTheKeptOne() {
        String arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-composite-2";
        Instant opened = t0;
        Alert open = Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of("checkout-composite-2", arn))
                .opens(arn + "@" + opened, opened).at(opened);
        String line = IncidentRef.of(open, ServiceStatus.DOWN).line();
        String kept = Neighbours.statusHub().seed("Checkout", opened.toString(), "investigating",
                "We are investigating.\n\n" + line, 101, "down");
        Neighbours.statusHub().seed("Checkout", opened.toString(), "resolved",
                "This incident is a duplicate and has been closed.\n\n" + line, 101, "down");
        Neighbours.statusHub().personUpdates(kept, "resolved", null);

        Lambda.invoke(change("checkout-composite-2", "ALARM", at(30), "ALARM", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"))
                .body("alerts[0].services[0].why", containsString("resolved by a person"));

        assertThat(Journal.creates()).isZero();
    }

    // 6. An episode's incident is known by the line the bridge wrote, not by its start time.

    @Test
    void aRetriedOpenAfterAPersonResolvedAndCorrectedTheStartTimeOpensNothing() {
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", t0);
        Lambda.invoke(Events.alarm("checkout-5xx", at(0))).statusCode(200);
        String incident = onlyIncident();
        Neighbours.statusHub().personMovesStart(incident, t0.minus(Duration.ofMinutes(7)));
        Neighbours.statusHub().personUpdates(incident, "resolved", null);

        // Lambda retries the ALARM event (its first answer was lost) in another environment.
        ExecutionEnvironment.Answer retry = ExecutionEnvironment.another()
                .invoke(Events.alarm("checkout-5xx", at(0)));

        assertThat(retry.body()).contains("resolved by a person");
        assertThat(Journal.creates()).isEqualTo(1);
    }
}
