package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Parameter Store refuses the function while Lambda initialises a SnapStart version: the init still completes (a
 * failed priming must not make the version unpublishable), the log says why, and once the configuration can be read
 * the first alert is handled as usual.
 */
@QuarkusTest
@TestProfile(SnapStartPrimingTroubleTest.SnapStartInitWithoutConfiguration.class)
@QuarkusTestResource(Neighbours.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapStartPrimingTroubleTest {
    public static class SnapStartInitWithoutConfiguration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aws.lambda.initialization-type", "snap-start");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ParameterStoreRefuses.class));
        }
    }

    /** Runs after {@link Neighbours} has set up the standard configuration, and makes Parameter Store refuse it. */
    public static class ParameterStoreRefuses implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            ParameterStore.fails(400, "AccessDeniedException");
            return Map.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public int order() {
            return 1;
        }
    }

    @Test
    @Order(1)
    void theInitCompletesAndTheLogSaysWhyItWasNotPrimed() {
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("SnapStart priming stopped")
                && line.contains("AccessDeniedException"));
        assertThat(Neighbours.wireMock().findAll(anyRequestedFor(urlPathMatching("/(api/v3|hooks)/.*")))).isEmpty();
    }

    @Test
    @Order(2)
    void theFirstAlertOnceTheConfigurationCanBeReadOpensIncidents() {
        Neighbours.resetToDefaults();
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }
}
