package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every webhook sender proves itself with the configured token, as a bearer token or a {@code token} query
 * parameter; a missing or wrong one is 401, changes nothing and echoes no token.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class WebhookAuthTest {
    private static final String SOURCES = """
            /uptrends     | uptrends/1-alert.json
            /alertmanager | alertmanager/1-firing.json
            /grafana      | grafana/1-firing.json
            """;

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = SOURCES)
    void aCallWithoutATokenIsRefusedAndChangesNothing(String path, String sample) {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, null, null, Events.load(sample), false));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("www-authenticate", "Bearer");
        assertThat(answer.error()).contains("missing or wrong token");
        Journal.assertStatusHubUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = SOURCES)
    void aCallWithAWrongTokenIsRefusedWithoutEchoingAnyToken(String path, String sample) {
        String guess = "Bearer " + TestConfig.WEBHOOK_TOKEN + "x";
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, null, guess, Events.load(sample), false));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().toString()).doesNotContain(TestConfig.WEBHOOK_TOKEN);
        Journal.assertStatusHubUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = SOURCES)
    void theRightBearerTokenIsAccepted(String path, String sample) {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, null, "Bearer " + TestConfig.WEBHOOK_TOKEN,
                Events.load(sample), false));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).first().isEqualTo("created");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = SOURCES)
    void theRightTokenAsAQueryParameterIsAccepted(String path, String sample) {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, "token=" + TestConfig.WEBHOOK_TOKEN, null,
                Events.load(sample), false));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).first().isEqualTo("created");
    }
}
