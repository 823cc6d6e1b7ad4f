package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The stack's own alarms (CloudFormation names them {@code <stack>-<LogicalId>-...}: failed events, function
 * errors) say the bridge needs attention, never that a service is down: with a {@code *} link, on every path
 * (EventBridge, SNS, alarm action, the reconciliation), they are skipped and nothing is written. The tests run as
 * stack {@code statushub-bridge}.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class OwnAlarmsTest {
    private static final String FAILED_EVENTS = "statushub-bridge-FailedEventsAlarm-1XQ0T7ABCDEF";
    private static final String FUNCTION_ERRORS = "StatusHub-Bridge-AlarmFunctionErrorsAlarm-9Z8Y7X6W5V4U";

    @BeforeEach
    void everyAlarmLinked() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "*", "services": ["checkout"]}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl()))));
    }

    @Test
    void anAlarmOfTheBridgesOwnStackThroughEventBridgeIsSkippedAndWritesNothing() {
        Lambda.invoke(Events.alarm(FAILED_EVENTS, "2024-05-01T10:00:00.000+0000")).statusCode(200)
                .body("alerts[0].monitor", is(FAILED_EVENTS))
                .body("alerts[0].note", containsString("skipped: an alarm of the bridge's own stack"))
                .body("alerts[0].services.result", is(List.of("skipped")))
                .body("alerts[0].services[0].why", is("an alarm of the bridge's own stack"));
        Journal.assertStatusHubUntouched();
        assertThat(Neighbours.cloudWatch().calls()).as("no late-event check for it either").isZero();
    }

    @Test
    void theStacksNameIsMatchedIgnoringCaseAndANeighboursAlarmStillReachesThePage() {
        Lambda.invoke(Events.alarm(FUNCTION_ERRORS, "2024-05-01T10:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped")));
        Journal.assertNoWrites();

        Lambda.invoke(Events.alarm("statushub-bridgework-latency", "2024-05-01T10:00:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("created")));
    }

    @Test
    void anAlarmOfTheBridgesOwnStackThroughSnsIsSkippedAndWritesNothing() {
        String sns = Events.load("sns/1-alarm.json")
                .replace("\\\"AlarmName\\\": \\\"EXAMPLE\\\"", "\\\"AlarmName\\\": \\\"" + FAILED_EVENTS + "\\\"")
                .replace("alarm:EXAMPLE", "alarm:" + FAILED_EVENTS);
        assertThat(sns).contains(FAILED_EVENTS);

        Lambda.invoke(sns).statusCode(200).body("alerts[0].monitor", is(FAILED_EVENTS))
                .body("alerts[0].services.result", is(List.of("skipped")))
                .body("alerts[0].services[0].why", is("an alarm of the bridge's own stack"));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anAlarmOfTheBridgesOwnStackThroughAnAlarmActionIsSkippedAndWritesNothing() {
        String action = Events.load("alarm-action/1-alarm.json").replace("lambda-demo-metric-alarm", FAILED_EVENTS);

        Lambda.invoke(action).statusCode(200).body("alerts[0].monitor", is(FAILED_EVENTS))
                .body("alerts[0].services.result", is(List.of("skipped")))
                .body("alerts[0].services[0].why", is("an alarm of the bridge's own stack"));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void theReconciliationLeavesTheBridgesOwnAlarmsOut() {
        Instant since = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        Neighbours.cloudWatch().alarm(FAILED_EVENTS, "ALARM", since);
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", since);

        Lambda.invoke("{\"bridge\": \"reconcile\"}").statusCode(200).body("alarms", is(1))
                .body("findings", is(1)).body("found[0].alarm", is("checkout-5xx"));
        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Neighbours.statusHub().incidents()).singleElement()
                .satisfies(incident -> assertThat(incident.toString()).doesNotContain("FailedEvents"));
    }
}
