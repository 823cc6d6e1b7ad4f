package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MetricLines;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Operating the bridge while the page is live: check a configuration before it matters, trial a link in shadow,
 * stop every write at once, read the bridge's own metrics, and see who wrote each update.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class OperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK = "{\"bridge\": \"check\"}";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /** StatusHub lists the hub's services: the standard configuration's ids, 101-103 and 201-212. */
    private static void hubHasServices(long... ids) {
        StringBuilder data = new StringBuilder();
        for (long id : ids) {
            data.append(data.length() == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"s\"}");
        }
        Neighbours.wireMock().stubFor(get(urlPathEqualTo("/api/v3/hubs/acme/services")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + data + "]}")));
    }

    private static long[] standardIds() {
        long[] ids = new long[15];
        for (int i = 0; i < 3; i++) {
            ids[i] = 101 + i;
        }
        for (int i = 0; i < 12; i++) {
            ids[3 + i] = 201 + i;
        }
        return ids;
    }

    @Test
    void theCheckShowsTheMaintenancesInProgressAndTheServicesAndLinksTheyHold() {
        hubHasServices(standardIds());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Neighbours.statusHub().maintenance("Database upgrade", now.minus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(3)), "service_ids", 101);

        Lambda.invoke(CHECK).statusCode(200).body("check", is("ok")).body("notes", hasItem(containsString(
                "maintenance 'Database upgrade' in progress until " + now.plus(Duration.ofDays(3))
                        + ": holds checkout (links[0], links[1]")));
        Journal.assertNoWrites();
    }

    @Test
    void theCheckPassesAGoodConfigurationAndSaysWhatItCouldNotCheck() {
        hubHasServices(standardIds());
        Lambda.invoke(CHECK).statusCode(200).body("check", is("ok")).body("problems", is(List.of()))
                .body("notes", hasItem(containsString("integration URLs (hookUrl) were not tried")))
                .body("notes", hasItem(containsString("a CloudWatch alarm whose open a maintenance held back is opened "
                        + "only by the reconciliation in repair mode")));
        Journal.assertNoWrites();
    }

    @Test
    void theCheckFindsLinksThatNeverMatchAndServiceIdsTheHubDoesNotHave() {
        hubHasServices(101, 102);
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "payments": {"serviceId": 999}},
                         "links": [{"monitor": " checkout-5xx", "services": ["checkout"]},
                                   {"monitor": "arn:aws:cloudwatch:eu-west-1:1:alarm:x", "source": "grafana",
                                    "services": ["checkout"]},
                                   {"monitor": "payments-*", "services": ["payments"]}]}
                        """.formatted(Neighbours.baseUrl()))));

        Lambda.invoke(CHECK).statusCode(200).body("check", is("problems")).body("problems", is(List.of(
                "/statushub-bridge/links at $.links[0].monitor: never matches: blanks at the start or end (alert "
                        + "names arrive trimmed)",
                "/statushub-bridge/links at $.links[1].monitor: never matches: a CloudWatch alarm ARN on a link for "
                        + "source grafana",
                "/statushub-bridge/links at $.services.payments.serviceId: hub 'acme' has no service 999")));
    }

    @Test
    void theCheckSaysWhenStatusHubRefusesTheKeyWithoutSayingTheKey() {
        String wrongKey = "shk-live-0000000000000000wrong";
        ParameterStore.holds(List.of(TestConfig.secrets(wrongKey, TestConfig.WEBHOOK_TOKEN), TestConfig.links()));
        Lambda.invoke(CHECK).statusCode(200).body("check", is("problems"))
                .body("problems", is(List.of("/statushub-bridge/secrets at $.statushub.apiKey: StatusHub refused the "
                        + "key on hub 'acme' (HTTP 401)")))
                .body(not(containsString(wrongKey)));
    }

    @Test
    void theCheckReportsASchemaProblemWithItsParameterAndPath() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"services": {"checkout": {"serviceId": 101}},
                         "links": [{"monitor": "cpu", "services": ["chekout"]}]}
                        """)));
        Lambda.invoke(CHECK).statusCode(200).body("check", is("problems"))
                .body("problems", is(List.of("/statushub-bridge/links at $.links[0].services[0]: links to undefined "
                        + "service 'chekout'")));
    }

    @Test
    void inShadowModeTheBridgeDecidesAndReportsButWritesNothing() {
        withMode("\"mode\": \"shadow\",", "");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("mode", is("shadow"))
                .body("alerts[0].services.result", everyItem(is("skipped")))
                .body("alerts[0].services[0].why", is("shadow mode: would create an incident"))
                .body("alerts[0].services[0].request", containsString("\"incident_type\":\"investigating\""));
        Journal.assertNoWrites();
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("shadow mode, not sent: POST "));
    }

    @Test
    void modeOffWritesNothingReadsNothingAndSaysSoInTheReport() {
        withMode("\"mode\": \"off\",", "");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("mode", is("off"))
                .body("alerts[0].services.result", everyItem(is("skipped")))
                .body("alerts[0].services[0].why", containsString("mode off"));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aShadowLinkIsTrialledWhileTheOtherLinksStayLive() {
        withMode("", "\"mode\": \"shadow\",");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("checkout", "search")))
                .body("alerts[0].services.result", is(List.of("created", "skipped")))
                .body("alerts[0].services[1].why", is("shadow mode: would create an incident"));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents")));
    }

    /** checkout through a live link; search only through a link in {@code linkMode} (or also live). */
    private static void withMode(String configMode, String linkMode) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, %s
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102}},
                         "links": [{"monitor": "ServerCpuTooHigh", "services": ["checkout"]},
                                   {"monitor": "ServerCpu*", %s "services": ["search"]}]}
                        """.formatted(Neighbours.baseUrl(), configMode, linkMode))));
    }

    /**
     * The team recognises the bridge's updates by their last line, the reference line, and nothing else of the
     * bridge's: no audit line naming the internal alarm reaches the public page.
     */
    @Test
    void everyUpdateEndsWithItsReferenceLineAndNamesNoAlarm() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200);
        Neighbours.wireMock().verify(2, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(WireMock.matchingJsonPath("$.body", WireMock.matching(
                        "(?s)We are investigating .* at 2019-10-02 17:04 UTC\\..*\\n\\nRef\\. [0-9A-F]{4}-[0-9A-F]{4} sb3 cw-[0-9a-f.]+\\.d")))
                .withRequestBody(WireMock.notContaining("ServerCpuTooHigh"))
                .withRequestBody(WireMock.notContaining("Posted automatically")));
        Neighbours.wireMock().verify(2, postRequestedFor(urlMatching(".*/incident_updates"))
                .withRequestBody(WireMock.matchingJsonPath("$.body", WireMock.matching(
                        "(?s).* since 2019-10-02 17:34 UTC\\..*\\n\\nRef\\. [0-9A-F]{4}-[0-9A-F]{4} sb3 cw-[0-9a-f.]+\\.d\\.c\\d+")))
                .withRequestBody(WireMock.notContaining("ServerCpuTooHigh")));
    }

    @Test
    void eachInvocationPrintsOneEmbeddedMetricFormatLine() throws Exception {
        List<JsonNode> lines = MetricLines.during(() -> {
            Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
            Lambda.invoke(Events.webhook("/alertmanager", "{not json")).statusCode(200);
        });

        assertThat(lines).hasSize(2);
        JsonNode alarm = lines.get(0);
        JsonNode directives = alarm.at("/_aws/CloudWatchMetrics");
        assertThat(alarm.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode directive : directives) {
            assertThat(directive.get("Namespace").asText()).isEqualTo("StatusHubAlertBridge");
            for (JsonNode dimensions : directive.get("Dimensions")) {
                dimensions.forEach(d -> assertThat(alarm.has(d.asText())).as("dimension %s has a value", d).isTrue());
            }
            for (JsonNode metric : directive.get("Metrics")) {
                names.add(metric.get("Name").asText());
                assertThat(alarm.get(metric.get("Name").asText()).isNumber()).isTrue();
            }
        }
        // The list the template's dashboard is checked against (tools/check_template.py) is what the line carries.
        assertThat(names).containsExactlyInAnyOrderElementsOf(Files.readAllLines(Path.of("tools/metric-names.txt"))
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList());
        assertThat(alarm.get("Source").asText()).isEqualTo("cloudwatch");
        assertThat(alarm.get("Outcome").asText()).isEqualTo("applied");
        assertThat(alarm.get("TransitionsCreated").asInt()).isEqualTo(2);
        assertThat(alarm.get("ConfigReloads").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("Source").asText()).isEqualTo("alertmanager");
        assertThat(lines.get(1).get("Outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void everyLogLineOfAnInvocationCarriesItsRequestId() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        assertThat(LogCapture.lines()).filteredOn(line -> line.startsWith("dev.alertbridge.report"))
                .last().asString().containsPattern("\\[AWSRequestId=[0-9a-f-]{8,}\\]$");
    }

    @Test
    void anUnknownCommandIsABadEvent() {
        Lambda.invoke("{\"bridge\": \"reset-everything\"}").statusCode(500)
                .body("errorMessage", is("bad event: $.bridge: the commands are {\"bridge\": \"check\"}, "
                        + "{\"bridge\": \"reconcile\"} and {\"bridge\": \"explain\", \"service\": \"<key>\"}"));
        Neighbours.wireMock().verify(0, anyRequestedFor(urlMatching("/api/v3/.*")));
    }
}
