package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Searches everything the function logged and answered for the configured secrets: the API key, the webhook token
 * and the integration-URL token. It first provokes the situations most likely to leak one (a wrong webhook token, an
 * invalid configuration, a rejected integration-URL call, StatusHub refusing the key), so the scan never depends on
 * which scenarios ran before it; running last (its order) it also covers theirs.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@Order(Integer.MAX_VALUE)
class SecretsStayOutOfLogsTest {

    @Test
    void noConfiguredSecretAppearsInAnyLogLineOrAnswer() {
        Neighbours.resetToDefaults();
        Lambda.invoke(Events.functionUrl("POST", "/alertmanager", "token=" + TestConfig.WEBHOOK_TOKEN + "x",
                "Bearer " + TestConfig.API_KEY, Events.load("alertmanager/1-firing.json"), false)).statusCode(200);
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/hooks/generic")).atPriority(1)
                .willReturn(aResponse().withStatus(404)));
        Lambda.invoke(Events.load("eventbridge/widget-1-alarm.json").replace("WidgetLatency", "WidgetLatency-secrets"));
        ParameterStore.holds(List.of(TestConfig.secrets("shk-live-0000000000000000wrong", TestConfig.WEBHOOK_TOKEN),
                TestConfig.links()));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json"));
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", "{\"services\": {\"x\": {\"hookUrl\": \""
                        + TestConfig.hookUrl().replace("http://", "ftp://") + "\"}}}")));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json"));
        Neighbours.resetToDefaults();

        List<String> captured = LogCapture.lines();
        assertThat(captured).as("the provoked failures were captured")
                .anyMatch(line -> line.contains("\"result\":\"failed\""))
                .anyMatch(line -> line.contains("invalid configuration in"))
                .anyMatch(line -> line.contains("\"statusCode\":401") || line.contains("\"status\":401"));
        for (String secret : TestConfig.secrets()) {
            assertThat(captured).as("lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }
}
