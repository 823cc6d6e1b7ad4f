package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MetricLines;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A write StatusHub refuses for good (a 4xx other than 408 and 429: here a service id the hub does not know) is said
 * plainly and not retried as if StatusHub were down: a webhook answers 422 naming the service and StatusHub's
 * reason, so Alertmanager stops retrying it at once; an alarm event fails with that reason, which Lambda keeps in
 * the failure destination. Secrets StatusHub echoes back never reach the answer or the log.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class PermanentRejectionsTest {
    private static final String CREATE = "/api/v3/hubs/acme/incidents";
    private static final String UNKNOWN_SERVICE = """
            {"error": "Unprocessable Entity", "message": "service {id} does not exist on hub acme"}""";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /** The hub knows every service of the standard configuration but checkout (101). */
    private static void hubDoesNotKnowCheckout(String refusal) {
        List<Long> known = new ArrayList<>(List.of(102L, 103L));
        for (long id = 201; id <= 212; id++) {
            known.add(id);
        }
        Neighbours.statusHub().knowsOnlyServices(refusal, known.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void anAlertmanagerNotificationForAServiceStatusHubDoesNotKnowIsAnswered422NamingTheServiceAndTheReason() {
        hubDoesNotKnowCheckout(UNKNOWN_SERVICE);

        List<FunctionUrl.Answer> answers = new ArrayList<>();
        List<JsonNode> metrics = MetricLines.during(() -> answers.add(FunctionUrl.post("/alertmanager",
                Events.load("alertmanager/1-firing.json"))));

        FunctionUrl.Answer answer = answers.get(0);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.error()).contains("StatusHub refused the bridge's request for good")
                .contains("HighErrorRate → checkout: StatusHub rejected POST /hubs/acme/incidents with HTTP 422: "
                        + "service 101 does not exist on hub acme; Unprocessable Entity");
        assertThat(answer.services(0, "result")).containsExactly("failed");
        assertThat(answer.services(0, "why")).singleElement().asString()
                .contains("service 101 does not exist on hub acme");
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("StatusHubRejections").asInt()).isEqualTo(1);
        assertThat(metrics.get(0).get("Outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void anAlarmForAServiceStatusHubDoesNotKnowFailsWithTheReasonAndTheOtherServicesAreStillWritten() {
        hubDoesNotKnowCheckout(UNKNOWN_SERVICE);

        List<JsonNode> metrics = MetricLines.during(() -> Lambda.invoke(Events.load("eventbridge/1-alarm.json"))
                .statusCode(500)
                .body("errorMessage", containsString("StatusHub refused the bridge's request for good (fix the "
                        + "link or the service, then replay the event)"))
                .body("errorMessage", containsString("ServerCpuTooHigh → checkout: StatusHub rejected POST "
                        + "/hubs/acme/incidents with HTTP 422: service 101 does not exist on hub acme")));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(containing("\"service_id\":101")));
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
        assertThat(metrics.get(0).get("StatusHubRejections").asInt()).isEqualTo(1);
    }

    @Test
    void aReasonThatEchoesTheApiKeyIsAnsweredWithTheKeyMasked() {
        String key = "hub-key-42";
        Neighbours.statusHub().reset(key);
        ParameterStore.holds(List.of(TestConfig.secrets(key, TestConfig.WEBHOOK_TOKEN), TestConfig.links()));
        hubDoesNotKnowCheckout("{\"error\": \"key " + key + " may not write to service {id}\"}");

        FunctionUrl.Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.error()).contains("key *** may not write to service 101").doesNotContain(key);
        assertThat(answer.body().toString()).doesNotContain(key);
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(key));
    }

    @Test
    void aHookThatRefusesForGoodIsAnswered422WithItsTokenMasked() {
        Neighbours.statusHub().hooksRefuse(404, "{\"error\": \"no hook for token " + TestConfig.HOOK_TOKEN
                + " at " + TestConfig.hookUrl() + "\"}");
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new ParameterStore.Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"widget": {"name": "Widget", "hookUrl": "%s"}},
                         "links": [{"monitor": "HighErrorRate", "services": ["widget"]}]}
                        """.formatted(Neighbours.baseUrl(), TestConfig.hookUrl()))));

        FunctionUrl.Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.error()).contains("HighErrorRate → widget: StatusHub rejected POST")
                .contains("with HTTP 404: no hook for token ***").doesNotContain(TestConfig.HOOK_TOKEN);
        Neighbours.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/hooks/generic")));
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(TestConfig.HOOK_TOKEN));
    }

    @Test
    void aWebhookStillGets503WhenStatusHubIsDownForOneServiceAndRefusesAnother() {
        hubDoesNotKnowCheckout(UNKNOWN_SERVICE);
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new ParameterStore.Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102}},
                         "links": [{"monitor": "HighErrorRate", "services": ["checkout", "search"]}]}
                        """.formatted(Neighbours.baseUrl()))));
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE))
                .withRequestBody(containing("\"service_id\":102"))
                .atPriority(1).willReturn(aResponse()
                        .withStatus(503)));

        FunctionUrl.Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));

        assertThat(answer.status()).as("a retry may fix search").isEqualTo(503);
        assertThat(answer.services(0, "result")).containsExactly("failed", "failed");
    }
}
