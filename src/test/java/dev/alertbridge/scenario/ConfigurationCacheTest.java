package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.handler.ExecutionEnvironment;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With a 60 s TTL, an execution environment reads Parameter Store once per minute, and rides out its outages. The
 * public URL is public: a caller with no token costs no read at all, a wrong token at most the refresh the TTL allows
 * anyway, so an anonymous burst cannot take the quota Parameter Store shares with the alarm function.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(ConfigurationCacheTest.SixtySecondTtl.class)
class ConfigurationCacheTest {

    public static class SixtySecondTtl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.config.ttl", "60s");
        }
    }

    private static final String ALERT = Events.load("alertmanager/1-firing.json");

    @Inject
    ObjectMapper json;

    @BeforeEach
    void freshAndPastAnyEarlierTtl() {
        Neighbours.resetToDefaults();
        MovableClock.advance(Duration.ofHours(1));
    }

    @Test
    void theConfigurationIsReadOncePerTtl() {
        for (int i = 0; i < 5; i++) {
            Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        }
        assertThat(ParameterStore.reads()).isEqualTo(1);

        MovableClock.advance(Duration.ofSeconds(59));
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        assertThat(ParameterStore.reads()).isEqualTo(1);

        MovableClock.advance(Duration.ofSeconds(2));
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        assertThat(ParameterStore.reads()).isEqualTo(2);
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodConfigurationAndSaysSo() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        ParameterStore.fails(500, "InternalServerError");
        MovableClock.advance(Duration.ofSeconds(61));

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("WARN")
                && line.contains("configuration refresh failed, keeping the configuration loaded at"));
    }

    /** Every way of presenting no token: no header, another scheme, an empty bearer, an empty query parameter. */
    private static String anonymous(int i) {
        return switch (i % 4) {
            case 0 -> Events.functionUrl("POST", "/alertmanager", null, null, ALERT, false);
            case 1 -> Events.functionUrl("POST", "/alertmanager", null, "Basic YWRtaW46YWRtaW4=", ALERT, false);
            case 2 -> Events.functionUrl("POST", "/alertmanager", null, "Bearer ", ALERT, false);
            default -> Events.functionUrl("POST", "/alertmanager", "token=", null, ALERT, false);
        };
    }

    private static String withToken(String token) {
        return Events.functionUrl("POST", "/alertmanager", null, "Bearer " + token, ALERT, false);
    }

    @Test
    void anAnonymousBurstPastTheTtlIsRefusedFromTheCacheWithoutReadingParameterStore() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        MovableClock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < 50; i++) {
            assertThat(FunctionUrl.send(anonymous(i)).status()).isEqualTo(401);
        }

        assertThat(ParameterStore.reads()).as("the read that cached the configuration, none since").isEqualTo(1);
        Journal.assertStatusHubUntouched();
    }

    @Test
    void wrongTokensPastTheTtlCostOneRefreshBetweenThem() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        MovableClock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < 50; i++) {
            assertThat(FunctionUrl.send(withToken("guess-" + i)).status()).isEqualTo(401);
        }

        assertThat(ParameterStore.reads()).as("the first read, then one refresh").isEqualTo(2);
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aRotatedTokenIsAcceptedOnceTheNextRefreshReadsIt() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        String rotated = "whk-rotated-5d1c9e7a3b";
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, rotated), TestConfig.links()));

        assertThat(FunctionUrl.send(withToken(rotated)).status()).as("within the TTL: the cached token decides")
                .isEqualTo(401);
        assertThat(ParameterStore.reads()).isEqualTo(1);

        MovableClock.advance(Duration.ofSeconds(61));
        Answer accepted = FunctionUrl.send(withToken(rotated));
        Answer old = FunctionUrl.send(withToken(TestConfig.WEBHOOK_TOKEN));

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.services(0, "result")).containsExactly("created");
        assertThat(old.status()).isEqualTo(401);
        assertThat(ParameterStore.reads()).as("one refresh picked the rotated token up").isEqualTo(2);
    }

    @Test
    void aColdEnvironmentReadsAtMostOnceWhateverTheBurst() {
        ExecutionEnvironment cold = ExecutionEnvironment.another();

        for (int i = 0; i < 20; i++) {
            assertThat(status(cold.invoke(anonymous(i)))).isEqualTo(401);
        }
        assertThat(ParameterStore.reads()).as("nobody presented a token: nothing to read it for").isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(status(cold.invoke(withToken("guess-" + i)))).isEqualTo(401);
        }
        assertThat(status(cold.invoke(withToken(TestConfig.WEBHOOK_TOKEN)))).isEqualTo(200);

        assertThat(ParameterStore.reads()).isEqualTo(1);
    }

    private int status(ExecutionEnvironment.Answer answer) {
        assertThat(answer.failed()).as(answer.body()).isFalse();
        try {
            JsonNode response = json.readTree(answer.body());
            return response.path("statusCode").asInt();
        } catch (IOException e) {
            throw new AssertionError(answer.body(), e);
        }
    }
}
