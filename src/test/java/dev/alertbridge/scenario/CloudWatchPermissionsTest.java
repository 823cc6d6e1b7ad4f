package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.CloudWatchStandIn;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MetricLines;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CloudWatch as a real account answers the alarm function's role: every DescribeAlarms of the bridge names composite
 * alarms, which AWS answers only to a {@code cloudwatch:DescribeAlarms} grant on {@code "*"}. The stand-in reads the
 * grant from template.yaml; the template's own grant passes, a grant scoped to alarms is refused, and the bridge then
 * says plainly what is missing and what it costs.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class CloudWatchPermissionsTest {
    /** The grant the template had: this account's alarms only. */
    private static final String ALARMS_ONLY = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void theTemplateGrantsAlarmStatesAndHistoriesOnEverythingAndTagsOnAlarmsOnly() {
        assertThat(CloudWatchStandIn.templateGrant("DescribeAlarms")).containsExactly("*");
        assertThat(CloudWatchStandIn.templateGrant("DescribeAlarmHistory")).containsExactly("*");
        assertThat(CloudWatchStandIn.templateGrant("ListTagsForResource")).isNotEmpty().doesNotContain("*");
    }

    @Test
    void withTheTemplatesGrantALateAlarmIsCheckedAgainstTheAlarmsStateNow() {
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "OK", Instant.now().minus(Duration.ofMinutes(10)));

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].state", is("no-change"))
                .body("alerts[0].note", containsString("checked: the alarm is OK now"));
        Journal.assertNoWrites();
    }

    @Test
    void underAGrantScopedToAlarmsALateAlarmIsAppliedAsItSaysAndTheReportNamesTheMissingGrant() {
        Neighbours.cloudWatch().grant("DescribeAlarms", ALARMS_ONLY);
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "OK", Instant.now().minus(Duration.ofMinutes(10)));

        List<JsonNode> metrics = MetricLines.during(() -> Lambda.invoke(Events.load("eventbridge/1-alarm.json"))
                .statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")))
                .body("alerts[0].note", containsString("the late-event protections are off"))
                .body("alerts[0].note", containsString("CloudWatch refused cloudwatch:DescribeAlarms (AccessDenied)"))
                .body("alerts[0].note", containsString("granted on \"*\"")));
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("CloudWatchReadsDenied").asInt()).isEqualTo(1);
    }

    @Test
    void underAGrantScopedToAlarmsTheReconciliationFailsSayingItCouldNotRunAndWhichGrantIsMissing() {
        Neighbours.cloudWatch().grant("DescribeAlarms", ALARMS_ONLY);
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "ALARM",
                Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS));

        List<JsonNode> metrics = MetricLines.during(() -> Lambda.invoke("{\"bridge\": \"reconcile\"}")
                .statusCode(500)
                .body("errorMessage", containsString("the reconciliation could not run"))
                .body("errorMessage", containsString("CloudWatch refused cloudwatch:DescribeAlarms (AccessDenied)"))
                .body("errorMessage", containsString("granted on \"*\"")));
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("CloudWatchReadsDenied").asInt()).isEqualTo(1);
        assertThat(metrics.get(0).get("Outcome").asText()).isEqualTo("failed");
        Journal.assertNoWrites();
    }

    @Test
    void underAGrantScopedToAlarmsTheConfigurationCheckReportsTheMissingGrantAsAProblem() {
        Neighbours.cloudWatch().grant("DescribeAlarms", ALARMS_ONLY);

        Lambda.invoke("{\"bridge\": \"check\"}").statusCode(200).body("check", is("problems"))
                .body("problems", hasItem(containsString("CloudWatch refused cloudwatch:DescribeAlarms for metric "
                        + "and composite alarms (AccessDenied): grant it on \"*\"")));
    }

    @Test
    void withTheTemplatesGrantTheConfigurationCheckFindsNoPermissionProblem() {
        Lambda.invoke("{\"bridge\": \"check\"}").statusCode(200)
                .body("problems.findAll { it.contains('CloudWatch') }", is(List.of()));
    }
}
