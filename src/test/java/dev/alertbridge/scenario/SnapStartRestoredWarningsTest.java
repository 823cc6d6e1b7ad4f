package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertbridge.support.CategoryLog;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The hub's maintenance list cannot be read while Lambda initialises a SnapStart version, and still cannot after the
 * restore: the priming's read warned in the init's log, and every environment restored from the snapshot warns once
 * more on its own, in the log of the event that met it, not on every event.
 */
@QuarkusTest
@TestProfile(SnapStartRestoredWarningsTest.SnapStartInitWithoutMaintenanceList.class)
@QuarkusTestResource(Neighbours.class)
class SnapStartRestoredWarningsTest {
    private static final String WARNING = "StatusHub's maintenance list could not be read";

    public static class SnapStartInitWithoutMaintenanceList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aws.lambda.initialization-type", "snap-start");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HubWithoutMaintenanceList.class));
        }
    }

    /** Runs after {@link Neighbours} has set up the standard hub, and takes its maintenance list away. */
    public static class HubWithoutMaintenanceList implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Neighbours.statusHub().noMaintenanceList();
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
    void theFirstEventAfterTheRestoreWarnsThatTheMaintenanceListCannotBeReadAndTheNextEventDoesNot() {
        assertThat(LogCapture.lines()).as("the priming met the unreadable list before the snapshot")
                .anyMatch(line -> line.contains(WARNING));
        Neighbours.resetToDefaults();
        Neighbours.statusHub().noMaintenanceList();

        try (CategoryLog log = CategoryLog.of("dev.alertbridge.statushub")) {
            Lambda.invoke(Events.alarm("checkout-composite", "2024-07-07T08:00:00.000+0000")).statusCode(200)
                    .body("alerts[0].services.result", is(List.of("created")));
            assertThat(log.warnings()).filteredOn(warning -> warning.contains(WARNING)).as("the first event")
                    .hasSize(1);

            Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                    .body("alerts[0].services.result", is(List.of("created", "created")));
            assertThat(log.warnings()).filteredOn(warning -> warning.contains(WARNING)).as("after the second event")
                    .hasSize(1);
        }
        Neighbours.wireMock().verify(2, getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/maintenances")));
    }
}
