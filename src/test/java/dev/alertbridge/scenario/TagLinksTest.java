package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.Report;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform team declares its alarms in CloudFormation next to the services they watch, and tags them
 * {@code statushub:services=checkout search}; the Prometheus team labels its rules {@code statushub_services}. With
 * {@code "tagLinks": true} those tags and labels link the alert as one more link, beside the configured ones, with no
 * edit of the links in Parameter Store; the configuration's services stay the allow-list.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class TagLinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The alarm of eventbridge/alarm-with-tags.json; no configured link names it. */
    private static final String CPU = "ServerCpuTooHigh";
    private static final Instant CPU_SINCE = Instant.parse("2019-10-02T17:04:40.989Z");

    @BeforeEach
    void tagLinksOnAndNoLinkForTheTaggedAlarms() {
        Neighbours.resetToDefaults();
        configure(true);
    }

    /** Checkout (101), search (102), payments (103) and a widget behind an integration URL; one configured link. */
    private static void configure(boolean tagLinks) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {
                          "statushub": { "apiUrl": "%s/api/v3", "hub": "acme" },
                          "services": {
                            "checkout": { "name": "Checkout", "serviceId": 101 },
                            "search":   { "name": "Search",   "serviceId": 102 },
                            "payments": { "name": "Payments", "serviceId": 103 },
                            "widget":   { "name": "Widget",   "hookUrl": "%s" }
                          },
                          "links": [ { "monitor": "payments-*", "services": ["payments"] } ]%s
                        }
                        """.formatted(Neighbours.baseUrl(), TestConfig.hookUrl(),
                        tagLinks ? ",\n\"tagLinks\": true" : ""))));
    }

    private static Report invoke(String event) {
        return Report.of(Lambda.invoke(event).statusCode(200).extract().asString());
    }

    /** The fixture's alarm, its event carrying these alarm tags (propagation on, status SUCCESS). */
    private static String withTags(String services) {
        return Events.load("eventbridge/alarm-with-tags.json").replace("\"checkout search\"",
                "\"" + services + "\"");
    }

    @Test
    void anAlarmWhoseEventCarriesItsTagsReachesTheServicesTheyNameWithNoConfiguredLink() {
        Report report = invoke(Events.load("eventbridge/alarm-with-tags.json"));

        assertThat(report.services(0, "service")).containsExactly("checkout", "search");
        assertThat(report.services(0, "result")).containsExactly("created", "created");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("degraded-performance");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("degraded-performance");
        assertThat(Neighbours.statusHub().pageStatus(103)).isEqualTo("up");
        assertThat(Neighbours.cloudWatch().tagCalls()).as("the event carried the tags").isZero();
    }

    @Test
    void anUndeclaredServiceKeyIsSkippedAndNamedWhileTheOtherKeyIsApplied() {
        Report report = invoke(withTags("billing+search"));

        assertThat(report.services(0, "service")).containsExactly("search", "billing");
        assertThat(report.services(0, "result")).containsExactly("created", "skipped");
        assertThat(report.services(0, "why").get(1)).contains("statushub:services", "'billing'",
                "not a service of this configuration");
        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("degraded-performance");
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("ServerCpuTooHigh")
                && line.contains("'billing'"));
    }

    @Test
    void anAlarmWhoseTagsNameOnlyAnUndeclaredKeyIsRefusedAndNothingIsWritten() {
        Report report = invoke(withTags("billing"));

        assertThat(report.services(0, "service")).containsExactly("billing");
        assertThat(report.services(0, "result")).containsExactly("skipped");
        assertThat(report.alert(0, "note")).contains("no service is linked");
        Journal.assertNoWrites();
    }

    @Test
    void withoutTagLinksTheTagsLinkNothingAndNoTagIsRead() {
        configure(false);

        Report report = invoke(Events.load("eventbridge/alarm-with-tags.json"));

        assertThat(report.services(0, "service")).isEmpty();
        assertThat(report.alert(0, "note")).contains("no service is linked");
        Journal.assertNoWrites();
        assertThat(Neighbours.cloudWatch().tagCalls()).isZero();
    }

    @Test
    void withoutPropagationTheAlarmsTagsAreReadFromCloudWatch() {
        Neighbours.cloudWatch().taggedAlarm(CPU, "ALARM", CPU_SINCE, Map.of("statushub:services", "search"));

        Report report = invoke(Events.load("eventbridge/1-alarm.json"));

        assertThat(report.services(0, "service")).containsExactly("search");
        assertThat(report.services(0, "result")).containsExactly("created");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
        assertThat(Neighbours.cloudWatch().tagCalls()).isEqualTo(1);
    }

    @Test
    void aRefusedTagReadLeavesTheAlarmItsConfiguredLinksAndTheReportSaysWhy() {
        String alarm = "payments-latency";
        Neighbours.cloudWatch().taggedAlarm(alarm, "ALARM", CPU_SINCE, Map.of("statushub:services", "search"));
        Neighbours.cloudWatch().denyTags();

        Report report = invoke(Events.load("eventbridge/1-alarm.json").replace(CPU, alarm));

        assertThat(report.services(0, "service")).containsExactly("payments");
        assertThat(report.services(0, "result")).containsExactly("created");
        assertThat(report.alert(0, "note")).contains("alarm tags not read", "cloudwatch:ListTagsForResource");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("up");
    }

    @Test
    void aTagLinkAddsToTheConfiguredLinkAndTheWorstStatusWins() {
        String event = Events.load("eventbridge/alarm-with-tags.json").replace(CPU, "payments-cpu")
                .replace("\"checkout search\"", "\"payments, search\"");

        Report report = invoke(event);

        assertThat(report.services(0, "service")).containsExactly("payments", "search");
        // The configured link takes payments down; the tag link's degraded-performance is the lesser.
        assertThat(Neighbours.statusHub().pageStatus(103)).isEqualTo("down");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("degraded-performance");
    }

    @Test
    void anSnsMessageWithAlarmTagsReachesTheServicesTheyName() {
        Report report = invoke(snsWithTags(Map.of("statushub:services", "checkout", "team", "payments"), "SUCCESS"));

        assertThat(report.services(0, "service")).containsExactly("checkout");
        assertThat(report.services(0, "result")).containsExactly("created");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");
    }

    @Test
    void anSnsMessageWhoseTagsCouldNotBeIncludedHasThemReadFromCloudWatch() {
        Neighbours.cloudWatch().taggedAlarm("EXAMPLE", "ALARM", Instant.parse("2015-06-03T17:43:27.123Z"),
                Map.of("statushub:services", "payments"));

        Report report = invoke(snsWithTags(Map.of(), "FAILURE"));

        assertThat(report.services(0, "service")).containsExactly("payments");
        assertThat(report.services(0, "result")).containsExactly("created");
        assertThat(Neighbours.cloudWatch().tagCalls()).isEqualTo(1);
    }

    /**
     * The SNS sample with {@code AlarmTags} and {@code AlarmTagsStatus} in its message, as propagation adds them, its
     * alarm in the CloudWatch stand-in's account and region.
     */
    private static String snsWithTags(Map<String, String> tags, String status) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Events.load("sns/1-alarm.json"));
            ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
            ObjectNode message = (ObjectNode) JSON.readTree(sns.get("Message").asText());
            message.set("AlarmTags", JSON.valueToTree(tags));
            message.put("AlarmTagsStatus", status);
            message.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:EXAMPLE");
            sns.put("Message", message.toString());
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anAlertmanagerAlertsStatushubLabelsLinkItAndAnUndeclaredKeyStillAnswers200() {
        Answer answer = FunctionUrl.post("/alertmanager", alertmanagerLabelled(Map.of(
                "statushub_services", "payments billing", "statushub_status", "degraded-performance")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "service")).containsExactly("payments", "billing");
        assertThat(answer.services(0, "result")).containsExactly("created", "skipped");
        assertThat(answer.services(0, "why").get(1)).contains("statushub_services", "'billing'");
        assertThat(Neighbours.statusHub().pageStatus(103)).isEqualTo("degraded-performance");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void anInvalidStatusLabelIsSkippedAndNamedAndItsServicesGoDown() {
        Answer answer = FunctionUrl.post("/alertmanager", alertmanagerLabelled(Map.of(
                "statushub_services", "payments", "statushub_status", "degraded")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(answer.alert(0, "note")).contains("statushub_status 'degraded'", "skipped");
        assertThat(Neighbours.statusHub().pageStatus(103)).isEqualTo("down");
    }

    @Test
    void withoutTagLinksAnAlertmanagerAlertsLabelsLinkNothing() {
        configure(false);

        Answer answer = FunctionUrl.post("/alertmanager", alertmanagerLabelled(Map.of("statushub_services",
                "payments")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "service")).isEmpty();
        Journal.assertNoWrites();
    }

    /** The Alertmanager sample's alert (HighErrorRate, which no link here names) with these labels added. */
    private static String alertmanagerLabelled(Map<String, String> labels) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
            ObjectNode alertLabels = (ObjectNode) body.get("alerts").get(0).get("labels");
            labels.forEach(alertLabels::put);
            return body.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theReconciliationOpensATagLinkedAlarmInAlarmReadingTagsOnlyForAlarmsNoLinkMatches() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {
                          "statushub": { "apiUrl": "%s/api/v3", "hub": "acme" },
                          "services": {
                            "checkout": { "name": "Checkout", "serviceId": 101 },
                            "payments": { "name": "Payments", "serviceId": 103 }
                          },
                          "links": [ { "monitor": "payments-*", "services": ["payments"] } ],
                          "tagLinks": true,
                          "reconcile": { "mode": "repair" }
                        }
                        """.formatted(Neighbours.baseUrl()))));
        Instant since = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> tags = Map.of("statushub:services", "checkout");
        Neighbours.cloudWatch().taggedAlarm("checkout-5xx", "ALARM", since, tags);
        Neighbours.cloudWatch().taggedAlarm("checkout-latency", "OK", since, tags);
        Neighbours.cloudWatch().taggedAlarm("payments-5xx", "ALARM", since, tags);

        JsonNode run = invoke("{\"bridge\": \"reconcile\"}").body();

        assertThat(run.path("alarms").asInt()).isEqualTo(2);
        assertThat(run.path("found")).extracting(f -> f.path("alarm").asText() + " " + f.path("service").asText()
                + " " + f.path("action").asText())
                .containsExactlyInAnyOrder("checkout-5xx checkout created", "payments-5xx payments created");
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");
        assertThat(Neighbours.cloudWatch().tagCalls()).as("only checkout-5xx: in ALARM, and no link matches it")
                .isEqualTo(1);
    }

    @Test
    void explainListsAnAlarmsTagLinkWhereItReachesTheService() {
        Instant since = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        Neighbours.cloudWatch().taggedAlarm("checkout-latency", "ALARM", since, Map.of("statushub:services",
                "checkout", "statushub:status", "degraded-performance"));
        Neighbours.cloudWatch().taggedAlarm("search-5xx", "OK", since, Map.of("statushub:services", "search"));

        JsonNode answer = invoke("{\"bridge\": \"explain\", \"service\": \"checkout\"}").body();

        assertThat(answer.path("explain").get(0).path("links")).singleElement().satisfies(link -> {
            assertThat(link.path("monitor").asText()).isEqualTo("checkout-latency");
            assertThat(link.path("from").asText()).isEqualTo("tags");
            assertThat(link.path("status").asText()).isEqualTo("degraded-performance");
            assertThat(link.path("level").isNull()).isTrue();
        });
        Journal.assertNoWrites();
    }

    @Test
    void theConfigurationCheckListsTheLinksAlarmTagsDeclareAndTheirUnknownKeys() {
        Instant since = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        Neighbours.cloudWatch().taggedAlarm("checkout-latency", "OK", since, Map.of("statushub:services",
                "checkout search", "statushub:status", "degraded-performance"));
        Neighbours.cloudWatch().taggedAlarm("billing-5xx", "OK", since, Map.of("statushub:services", "billing"));
        Neighbours.cloudWatch().alarm("untagged", "OK", since);

        JsonNode answer = invoke("{\"bridge\": \"check\"}").body();

        List<String> notes = JSON.convertValue(answer.path("notes"), new TypeReference<List<String>>() {
        });
        assertThat(notes).contains("tag link: alarm checkout-latency -> checkout, search (degraded-performance)");
        assertThat(notes).anyMatch(note -> note.startsWith("alarm billing-5xx: statushub:services names 'billing'"));
        assertThat(notes).noneMatch(note -> note.contains("untagged"));
        assertThat(answer.path("problems")).isEmpty();
    }
}
