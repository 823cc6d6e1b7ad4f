package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.explain.ExplainCommand;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
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
 * The on-call engineer asks <em>why is Checkout red?</em> by invoking the alarm function with
 * {@code {"bridge": "explain", "service": "checkout"}}: which open incidents hold it (the bridge's, with the alarms
 * behind them, and people's), what the page shows against what they justify, which alarms are kept quiet (held back,
 * or in a maintenance), and which links name it. Explaining only reads.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ExplainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CPU_BEGAN = Instant.parse("2019-10-02T17:04:40.989Z");
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    private static JsonNode explain(String request) {
        int writes = Neighbours.wireMock().findAll(postRequestedFor(urlMatching("/(api/v3|hooks)/.*"))).size();
        String answer = Lambda.invoke(request).statusCode(200).extract().asString();
        assertThat(Neighbours.wireMock().findAll(postRequestedFor(urlMatching("/(api/v3|hooks)/.*"))))
                .as("explain writes nothing").hasSize(writes);
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).isNull() ? null : item.path(field).asText()));
        return values;
    }

    @Test
    void checkoutIsHeldByTheBridgesIncidentForItsAlarmAndByAPersonsIncident() {
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "ALARM", CPU_BEGAN);
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        String bridges = Neighbours.statusHub().incidents().stream()
                .filter(i -> i.at("/incident_updates/0/service_statuses/0/service_id").asLong() == 101)
                .findFirst().orElseThrow().get("id").asText();
        String persons = Neighbours.statusHub().seed("Payments provider slow", Instant.now()
                .truncatedTo(ChronoUnit.SECONDS).toString(), "identified", "We are looking into slow payments.",
                101, "degraded-performance");

        JsonNode checkout = explain("{\"bridge\": \"explain\", \"service\": \"checkout\"}").path("explain").path(0);

        assertThat(checkout.path("service").asText()).isEqualTo("checkout");
        assertThat(checkout.path("justified").asText()).isEqualTo("down");
        assertThat(checkout.path("page").asText()).isEqualTo(Neighbours.statusHub().pageStatus(101))
                .isEqualTo("degraded-performance");
        JsonNode incidents = checkout.path("incidents");
        assertThat(texts(incidents, "id")).containsExactly(bridges, persons);
        assertThat(texts(incidents, "by")).containsExactly("bridge", "person");
        assertThat(texts(incidents, "type")).containsExactly("investigating", "identified");
        assertThat(texts(incidents, "holds")).containsExactly("down", "degraded-performance");
        assertThat(texts(incidents, "title")).containsExactly("Checkout: Service disruption",
                "Payments provider slow");
        JsonNode alert = incidents.path(0).path("alerts");
        assertThat(alert).hasSize(1);
        assertThat(alert.path(0).path("source").asText()).isEqualTo("cloudwatch");
        assertThat(alert.path(0).path("monitor").asText()).isEqualTo("ServerCpuTooHigh");
        assertThat(alert.path(0).path("since").asText()).isEqualTo("2019-10-02T17:04:40Z");
        assertThat(incidents.path(1).path("alerts")).isEmpty();
        assertThat(checkout.path("quiet")).isEmpty();
        assertThat(checkout.path("links").path(0).toString()).isEqualTo(
                "{\"monitor\":\"ServerCpuTooHigh\",\"from\":\"configuration\",\"status\":\"down\",\"level\":1}");
        assertThat(texts(checkout.path("links"), "monitor")).containsExactly("ServerCpuTooHigh",
                "checkout-composite", "HighErrorRate", "High memory usage", "WidgetLatency*", "ThreeServices");
    }

    @Test
    void anAlarmCloudWatchNoLongerListsIsNamedByItsSourceOnly() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        JsonNode alert = explain("{\"bridge\": \"explain\", \"service\": \"search\"}")
                .at("/explain/0/incidents/0/alerts/0");

        assertThat(alert.path("source").asText()).isEqualTo("cloudwatch");
        assertThat(alert.path("monitor").isNull()).isTrue();
    }

    @Test
    void anUnknownKeyIsAnsweredWithTheConfiguredKeysAndNothingIsRead() {
        Neighbours.wireMock().resetRequests();

        JsonNode answer = explain("{\"bridge\": \"explain\", \"service\": \"chekout\"}");

        assertThat(answer.path("error").asText()).startsWith("unknown service 'chekout'")
                .contains("checkout, search, payments, widget, fan-01");
        assertThat(answer.has("explain")).isFalse();
        Journal.assertStatusHubUntouched();
        assertThat(Neighbours.cloudWatch().calls()).isZero();
        assertThat(Neighbours.wireMock().findAll(anyRequestedFor(urlMatching("/service/.*")))).isEmpty();
    }

    @Test
    void withNoServiceEveryServiceIsExplainedInConfigurationOrder() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        JsonNode explained = explain("{\"bridge\": \"explain\"}").path("explain");

        assertThat(texts(explained, "service")).startsWith("checkout", "search", "payments", "widget", "fan-01")
                .hasSize(16);
        assertThat(texts(explained, "justified")).startsWith("down", "down", "up", null, "up");
        assertThat(texts(explained, "page")).startsWith("down", "down", null, null, null);
        JsonNode widget = explained.path(3);
        assertThat(widget.path("page").isNull()).isTrue();
        assertThat(widget.path("incidents")).isEmpty();
        assertThat(texts(widget.path("links"), "monitor")).containsExactly("WidgetLatency*");
    }

    @Test
    void anAlarmHeldBackByItsLinkIsListedAsQuiet() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, "holdDown": "5m",
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "checkout-*", "services": ["checkout"]}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl()))));
        Instant began = MovableClock.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", began);
        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(began))).statusCode(200);

        JsonNode checkout = explain("{\"bridge\": \"explain\", \"service\": \"checkout\"}").path("explain").path(0);

        assertThat(checkout.path("quiet").toString()).isEqualTo(
                "[{\"monitor\":\"checkout-5xx\",\"why\":\"held\",\"since\":\"" + began + "\"}]");
        assertThat(checkout.path("incidents")).isEmpty();
        assertThat(checkout.path("justified").asText()).isEqualTo("up");
        assertThat(checkout.path("page").isNull()).isTrue();

        MovableClock.advance(Duration.ofMinutes(5));
        Lambda.invoke("{\"bridge\": \"reconcile\"}").statusCode(200);
        checkout = explain("{\"bridge\": \"explain\", \"service\": \"checkout\"}").path("explain").path(0);
        assertThat(checkout.path("quiet")).isEmpty();
        assertThat(checkout.at("/incidents/0/alerts/0/monitor").asText()).isEqualTo("checkout-5xx");
    }

    @Test
    void anAlarmKeptOffByAMaintenanceIsListedAsQuiet() {
        Instant now = MovableClock.now().truncatedTo(ChronoUnit.SECONDS);
        Neighbours.statusHub().maintenance("Database upgrade", now.minus(Duration.ofMinutes(30)),
                now.plus(Duration.ofHours(1)), "services", 101);
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "ALARM", CPU_BEGAN);
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        JsonNode explained = explain("{\"bridge\": \"explain\"}").path("explain");

        assertThat(explained.path(0).path("quiet").toString()).isEqualTo(
                "[{\"monitor\":\"ServerCpuTooHigh\",\"why\":\"maintenance\",\"since\":\"" + CPU_BEGAN + "\"}]");
        assertThat(explained.path(1).path("quiet")).as("search is not in the maintenance: its incident is open")
                .isEmpty();
        assertThat(explained.path(1).path("incidents")).hasSize(1);
    }

    @Test
    void theLinksTheRuleEmbedsAreToldApart() {
        JsonNode links = explain("""
                {"bridge": "explain", "service": "payments",
                 "links": [{"monitor": "payments-*", "status": "degraded-performance", "services": ["payments"]}]}
                """).at("/explain/0/links");

        assertThat(texts(links, "from")).containsExactly("configuration", "configuration", "configuration",
                "embedded");
        assertThat(links.path(3).toString()).isEqualTo("{\"monitor\":\"payments-*\",\"from\":\"embedded\","
                + "\"status\":\"degraded-performance\",\"level\":null}");
    }

    @Test
    void theCommandFromAShellGivesTheFunctionsAnswer(@TempDir Path dir) throws IOException {
        Neighbours.cloudWatch().alarm("ServerCpuTooHigh", "ALARM", CPU_BEGAN);
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Neighbours.statusHub().seed("Payments provider slow", Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString(), "identified", "We are looking into slow payments.", 101, "degraded-performance");
        Path secrets = dir.resolve("secrets.json");
        Path links = dir.resolve("links.json");
        Files.writeString(secrets, TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN).value());
        Files.writeString(links, TestConfig.linksDocument());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int writes = Neighbours.wireMock().findAll(postRequestedFor(urlMatching("/(api/v3|hooks)/.*"))).size();

        int status = ExplainCommand.run(new String[] { "--file", secrets.toString(), "--file", links.toString(),
                "--service", "checkout", "--stack", "statushub-bridge" },
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(Neighbours.wireMock().findAll(postRequestedFor(urlMatching("/(api/v3|hooks)/.*")))).hasSize(writes);
        assertThat(JSON.readTree(printed.toString(StandardCharsets.UTF_8)))
                .isEqualTo(explain("{\"bridge\": \"explain\", \"service\": \"checkout\"}"));
        printed.reset();
        assertThat(ExplainCommand.run(new String[] { "--file", secrets.toString(), "--file", links.toString(),
                "--service", "chekout" }, new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("{\"error\":\"unknown service 'chekout'");
    }

    @Test
    void explainIsNotOnTheFunctionUrlAndABadRequestIsRefusedByPath() {
        assertThat(FunctionUrl.post("/explain", "{\"bridge\": \"explain\"}").status()).isEqualTo(404);
        Lambda.invoke("{\"bridge\": \"explain\", \"service\": 101}").statusCode(500)
                .body("errorMessage", containsString("$.service: must be a service key"));
        Lambda.invoke("{\"bridge\": \"explain\", \"services\": [\"checkout\"]}").statusCode(500)
                .body("errorMessage", containsString("$.services: unknown field"));
    }
}
