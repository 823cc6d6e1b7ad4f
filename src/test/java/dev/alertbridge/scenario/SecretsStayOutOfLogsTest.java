package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs after the other scenarios of its group (fault injection, bad configuration, rejected and failing StatusHub
 * calls, webhooks with wrong tokens) and searches everything the function logged and answered for the configured
 * secrets: the API key, the webhook token and the integration-URL token.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@Order(Integer.MAX_VALUE)
class SecretsStayOutOfLogsTest {

    @Test
    void noConfiguredSecretAppearsInAnyLogLineOrAnswerOfTheSuite() {
        List<String> captured = LogCapture.lines();
        assertThat(captured).as("the scenarios before this one ran and were captured")
                .anyMatch(line -> line.contains("\"result\":\"failed\""))
                .anyMatch(line -> line.contains("invalid configuration in"))
                .anyMatch(line -> line.contains("\"statusCode\":401"))
                .hasSizeGreaterThan(100);
        for (String secret : TestConfig.secrets()) {
            assertThat(captured).as("lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }
}
