package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a 60 s TTL, an execution environment reads Parameter Store once per minute, and rides out its outages. */
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
}
