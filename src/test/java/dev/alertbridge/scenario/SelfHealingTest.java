package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import dev.alertbridge.transition.IncidentRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The scheduled reconciliation repairs what lost, failed or late events left wrong, reading alarm states from
 * CloudWatch (the stand-in speaks the SDK's CBOR protocol): a missed clear, a missed open, a replayed old ALARM,
 * a person's resolution, report mode, paging, and a run too big for one invocation.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(SelfHealingTest.EightSecondRuns.class)
class SelfHealingTest {
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    /** Invocations of 8 s, so a run over hundreds of alarms must stop and resume. */
    public static class EightSecondRuns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.local-budget", "8s");
        }
    }

    private static void fresh(String reconcileMode) {
        Neighbours.resetToDefaults();
        configure(reconcileMode);
    }

    private static void configure(String reconcileMode) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102}},
                         "links": [{"monitor": "checkout-*", "services": ["checkout"]},
                                   {"monitor": "fleet-*", "source": "cloudwatch", "services": ["search"]},
                                   {"monitor": "HighErrorRate", "source": "alertmanager", "services": ["search"]}],
                         "reconcile": {"mode": "%s"}}
                        """.formatted(Neighbours.baseUrl(), reconcileMode))));
    }

    private static Instant ago(Duration duration) {
        return MovableClock.now().minus(duration).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String at(Instant time) {
        return CLOUDWATCH.format(time);
    }

    @Test
    void aMissedClearIsRepairedOnce() {
        fresh("repair");
        Instant opened = ago(Duration.ofHours(2));
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", opened);
        Lambda.invoke(Events.alarm("checkout-5xx", at(opened))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        // Its OK event was lost: CloudWatch shows it OK for an hour.
        Neighbours.cloudWatch().alarm("checkout-5xx", "OK", ago(Duration.ofHours(1)));

        Lambda.invoke(RECONCILE).statusCode(200).body("mode", is("repair")).body("findings", is(1))
                .body("found[0].action", is("updated")).body("finished", is(true));
        assertThat(Neighbours.statusHub().incidents().get(0).at("/incident_updates/0/incident_type").asText())
                .isEqualTo("monitoring");

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    @Test
    void aMissedOpenIsOpenedOnceAndItsLateEventChangesNothing() {
        fresh("repair");
        Instant opened = ago(Duration.ofMinutes(30));
        Neighbours.cloudWatch().alarm("checkout-db", "ALARM", opened);

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(1)).body("found[0].action", is("created"));
        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        Lambda.invoke(Events.alarm("checkout-db", at(opened))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aReplayedOldAlarmAfterItsOkOpensNothing() {
        fresh("repair");
        Neighbours.cloudWatch().alarm("checkout-api", "OK", ago(Duration.ofMinutes(40)));

        Lambda.invoke(Events.alarm("checkout-api", at(ago(Duration.ofHours(1))))).statusCode(200)
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].services[0].why", containsString("late ALARM of checkout-api: the alarm is OK since"));
        Journal.assertNoWrites();
    }

    @Test
    void anIncidentAPersonResolvedIsLeftAloneWhileTheAlarmStaysInTheSameAlarm() {
        fresh("repair");
        Neighbours.cloudWatch().alarm("checkout-queue", "ALARM", ago(Duration.ofMinutes(20)));
        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(1));
        String incident = Neighbours.statusHub().incidents().get(0).get("id").asText();
        Neighbours.statusHub().personUpdates(incident, "resolved", null);
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        Journal.assertNoWrites();
    }

    /**
     * What two clears that landed at once left before the page converged: every incident in Monitoring, the service
     * still down. The reconciliation finds it in report mode and corrects it in repair mode, on the bridge's own
     * incident.
     */
    @Test
    void aServiceLeftDownWithEveryIncidentClearedIsFoundAndCorrected() {
        fresh("report");
        for (String alarm : List.of("checkout-5xx", "checkout-db")) {
            Instant opened = ago(Duration.ofHours(3));
            Neighbours.cloudWatch().alarm(alarm, "OK", ago(Duration.ofHours(2)));
            String arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarm;
            var cleared = Alert.of(AlertSource.CLOUDWATCH, arn)
                    .knownAs(List.of(alarm, arn)).titled(alarm).clears(arn + "@" + opened, opened)
                    .at(ago(Duration.ofHours(2)));
            Neighbours.statusHub().seed(alarm, opened.toString(), "monitoring", "The service stays down while 1 other "
                    + "incident on it is still open.\n" + IncidentRef.of(cleared,
                            ServiceStatus.DOWN).clearedAt(cleared.at()).line(),
                    101, "down");
        }
        Lambda.invoke(RECONCILE).statusCode(200).body("found.action", org.hamcrest.Matchers.hasItem(
                "would correct to up"));
        Journal.assertNoWrites();
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");

        configure("repair");
        Lambda.invoke(RECONCILE).statusCode(200).body("found.action", org.hamcrest.Matchers.hasItem(
                "corrected to up"));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Neighbours.statusHub().incidents()).extracting(i -> i.at("/incident_updates/0/incident_type")
                .asText()).containsOnly("monitoring");
        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
    }

    /**
     * A stack torn down while its alarm was in ALARM: the alarm never sends its OK. The reconciliation sees it is in
     * none of DescribeAlarms' pages and clears its incident (report mode first says so and writes nothing); an
     * alarm of another region and an alarm that exists but no link matches any more keep their incidents.
     */
    @Test
    void anAlarmDeletedWhileInAlarmHasItsIncidentClearedByTheNextRun() {
        fresh("report");
        Instant opened = ago(Duration.ofHours(2));
        Neighbours.cloudWatch().alarm("checkout-asg-cpu", "ALARM", opened);
        Neighbours.cloudWatch().alarm("checkout-5xx", "OK", ago(Duration.ofDays(3)));
        Neighbours.cloudWatch().alarm("billing-queue", "ALARM", opened);
        Lambda.invoke(Events.alarm("checkout-asg-cpu", at(opened))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        String otherRegion = seedOpen("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:search-latency", opened);
        String unlinked = seedOpen("arn:aws:cloudwatch:us-east-1:123456789012:alarm:billing-queue", opened);
        Neighbours.cloudWatch().delete("checkout-asg-cpu");
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(RECONCILE).statusCode(200).body("found.action", is(List.of(
                "would clear to up: the alarm was deleted")));
        Journal.assertNoWrites();

        configure("repair");
        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarmState", is(List.of("deleted")))
                .body("found.service", is(List.of("checkout")))
                .body("found.action", is(List.of("cleared to up: the alarm was deleted")));
        JsonNode cleared = Neighbours.statusHub().incidents().stream()
                .filter(i -> i.at("/incident_updates/0/service_statuses/0/service_id").asLong() == 101).findFirst()
                .orElseThrow();
        assertThat(cleared.at("/incident_updates/0/incident_type").asText()).isEqualTo("monitoring");
        assertThat(cleared.at("/incident_updates/0/body").asText())
                .startsWith("checkout is operating normally again. We are continuing to monitor the situation.\n\n")
                .doesNotContain("checkout-asg-cpu", "removed");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Neighbours.statusHub().incidents()).filteredOn(i -> List.of(otherRegion, unlinked)
                .contains(i.get("id").asText())).extracting(i -> i.at("/incident_updates/0/incident_type").asText())
                .containsOnly("investigating").hasSize(2);
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        assertThat(Journal.updates()).isEqualTo(1);
    }

    /**
     * What the event path would not open, the reconciliation does not open either: a composite alarm the team's
     * maintenance alarm suppresses, and a level-1 link for an alarm tagged {@code escalation_level=2}.
     */
    @Test
    void theRunOpensOnlyWhatTheAlarmsOwnEventsWouldOpen() {
        Neighbours.resetToDefaults();
        configureLevels();
        Instant opened = ago(Duration.ofMinutes(20));
        Neighbours.cloudWatch().suppressedComposite("checkout-composite", "ALARM", opened);
        Neighbours.cloudWatch().taggedAlarm("checkout-db", "ALARM", opened, Map.of("escalation_level", "2"));
        Neighbours.cloudWatch().alarm("checkout-api", "ALARM", opened);

        Lambda.invoke(RECONCILE).statusCode(200).body("found.collect { it.alarm + ' on ' + it.service }",
                containsInAnyOrder("checkout-db on search", "checkout-api on checkout"))
                .body("notes", org.hamcrest.Matchers.nullValue());
        assertThat(Neighbours.statusHub().incidents()).extracting(i -> i.get("title").asText())
                .containsExactlyInAnyOrder("search: Service disruption", "checkout: Service disruption");
    }

    @Test
    void anAlarmWhoseTagsCannotBeReadCountsAsLevel1AndTheRunSaysSo() {
        Neighbours.resetToDefaults();
        configureLevels();
        Neighbours.cloudWatch().taggedAlarm("checkout-db", "ALARM", ago(Duration.ofMinutes(20)),
                Map.of("escalation_level", "2"));
        Neighbours.cloudWatch().denyTags();

        Lambda.invoke(RECONCILE).statusCode(200).body("found.service", is(List.of("checkout")))
                .body("notes[0]", containsString("checkout-db: tags not read, counted as untagged (level 1)"));
        assertThat(Neighbours.cloudWatch().tagCalls()).isEqualTo(1);
    }

    @Test
    void anAlarmNamedNoTimeSomethingDoesNotLeaveTheRunUnfinished() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102}},
                         "links": [{"monitor": "no time *", "escalationLevel": 1, "services": ["checkout"]},
                                   {"monitor": "no time *", "escalationLevel": 2, "services": ["search"]}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl()))));
        Neighbours.cloudWatch().taggedAlarm("no time sync on checkout", "ALARM", ago(Duration.ofMinutes(20)),
                Map.of("escalation_level", "2"));
        Neighbours.cloudWatch().denyTags();

        // Its note begins with its name; the run still did everything it had to.
        Lambda.invoke(RECONCILE).statusCode(200).body("found.service", is(List.of("checkout")))
                .body("notes[0]", startsWith("no time sync on checkout: tags not read"))
                .body("finished", is(true));
    }

    /** Checkout hears level 1 of the checkout alarms, Search level 2. */
    private static void configureLevels() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102}},
                         "links": [{"monitor": "checkout-*", "escalationLevel": 1, "services": ["checkout"]},
                                   {"monitor": "checkout-*", "escalationLevel": 2, "services": ["search"]}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl()))));
    }

    /** An open incident on Search (102), as the bridge writes one for this alarm. */
    private static String seedOpen(String arn, Instant opened) {
        var open = Alert.of(AlertSource.CLOUDWATCH, arn)
                .opens(arn + "@" + opened, opened).at(opened);
        return Neighbours.statusHub().seed("Search", opened.toString(), "investigating", "We are investigating.\n"
                + IncidentRef.of(open, ServiceStatus.DOWN).line(),
                102, "down");
    }

    @Test
    void reportModeListsTheDriftAndWritesNothing() {
        fresh("report");
        Neighbours.cloudWatch().alarm("checkout-cache", "ALARM", ago(Duration.ofMinutes(15)));

        Lambda.invoke(RECONCILE).statusCode(200).body("mode", is("report")).body("findings", is(1))
                .body("found[0].action", is("would create an incident")).body("found[0].alarm", is("checkout-cache"));
        Journal.assertNoWrites();
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("\"reconcile\":\"drift\"")
                && line.contains("\"alarm\":\"checkout-cache\""));
    }

    @Test
    void everyPageOfDescribeAlarmsIsRead() {
        fresh("repair");
        for (int i = 0; i < 249; i++) {
            Neighbours.cloudWatch().alarm("fleet-%03d".formatted(i), "INSUFFICIENT_DATA", ago(Duration.ofDays(1)));
        }
        Neighbours.cloudWatch().alarm("fleet-249", "ALARM", ago(Duration.ofMinutes(10)));

        Lambda.invoke(RECONCILE).statusCode(200).body("alarms", is(250)).body("findings", is(1))
                .body("found[0].alarm", is("fleet-249"));
        assertThat(Neighbours.cloudWatch().calls()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRunOverThreeHundredAlarmsKeepsToThePacingAndTheNextRunContinuesWhereItStopped() {
        fresh("repair");
        for (int i = 0; i < 300; i++) {
            Neighbours.cloudWatch().alarm("fleet-%03d".formatted(i), "ALARM", ago(Duration.ofMinutes(10)));
        }

        // An alarm deleted while in ALARM, and its open incident on Checkout: the sweep is reached however big the run.
        Neighbours.statusHub().seed("checkout-gone", ago(Duration.ofHours(2)).toString(), "investigating",
                "We are investigating.\n" + IncidentRef.of(Alert.of(AlertSource.CLOUDWATCH,
                        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-gone").opens("gone@1",
                                ago(
                                        Duration.ofHours(2)))
                        .at(ago(Duration.ofHours(2))), ServiceStatus.DOWN).line(),
                101, "down");

        Lambda.invoke(RECONCILE).statusCode(200).body("alarms", is(300)).body("finished", is(false))
                .body("found.action", org.hamcrest.Matchers.hasItem("cleared to up: the alarm was deleted"))
                .body("notes", org.hamcrest.Matchers.hasItem(containsString("no time left to replay")));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        int firstRun = Neighbours.statusHub().incidents().size() - 1;
        Lambda.invoke(RECONCILE).statusCode(200).body("finished", is(false));
        int afterTwoRuns = Neighbours.statusHub().incidents().size() - 1;

        assertThat(firstRun).as("every run makes progress, however slow the machine").isPositive();
        assertThat(afterTwoRuns).as("the second run opened the next alarms, not the same again")
                .isGreaterThan(firstRun);
        assertThat(Neighbours.statusHub().incidents()).as("one incident per alarm: their reference lines")
                .filteredOn(i -> !i.get("title").asText().equals("checkout-gone"))
                .extracting(i -> {
                    String opening = i.at("/incident_updates/0/body").asText();
                    return opening.substring(opening.lastIndexOf(" sb3 "));
                })
                .doesNotHaveDuplicates();
        List<Long> arrivals = Neighbours.statusHub().writeArrivals().stream().sorted().toList();
        for (int i = 0; i + 5 < arrivals.size(); i++) {
            assertThat(arrivals.get(i + 5) - arrivals.get(i)).as("6 writes within one second from write %d", i)
                    .isGreaterThanOrEqualTo(1000);
        }
    }
}
