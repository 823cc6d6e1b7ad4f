package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Lambda initialises a SnapStart version with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}: the function primes
 * itself before the snapshot by reading its configuration and StatusHub once and rehearsing an alert's open and
 * clear in memory, and never writes to a status page while doing so. The first alert after that is handled as usual.
 */
@QuarkusTest
@TestProfile(SnapStartPrimingTest.SnapStartInit.class)
@QuarkusTestResource(Neighbours.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapStartPrimingTest {
    public static class SnapStartInit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The production TTL: a restore seconds after the snapshot is well within it.
            return Map.of("aws.lambda.initialization-type", "snap-start", "bridge.config.ttl", "60s");
        }
    }

    @Test
    @Order(1)
    void theInitReadsTheConfigurationAndStatusHubButWritesNothing() {
        // What happened while Quarkus started, before any event: the journal is not reset in between.
        assertThat(ParameterStore.reads()).isEqualTo(1);
        List<LoggedRequest> statusHub = Neighbours.wireMock().findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().startsWith("/api/v3") || request.getUrl().startsWith("/hooks"))
                .toList();
        assertThat(statusHub).extracting(request -> request.getMethod().getName() + " "
                + request.getUrl().replaceFirst("\\?.*", "")).as("the lookup path: incidents and maintenances, in parallel")
                .containsExactlyInAnyOrder("GET /api/v3/hubs/acme/incidents", "GET /api/v3/hubs/acme/maintenances");
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("primed for the SnapStart snapshot")
                && line.contains("StatusHub read (the lookup path, reads only)")
                && line.contains("an alert's open and clear rehearsed") && line.contains("nothing sent"));
        // The dress rehearsal took its alarm's events through the whole event path, writes included, against a hub
        // on the loopback interface: each round a create and an update, and an open and a clear posted to its
        // integration URL, landed there; none on the status page.
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("primed for the SnapStart snapshot")
                && line.contains("4 alarm events taken end to end against a loopback hub (8 writes to it)"));
        // The rehearsals report in memory only: no report line, no metrics line for an alert that never happened.
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains("snapstart-rehearsal")
                || line.contains("snapstart-dress-rehearsal"));
    }

    @Test
    @Order(2)
    void aWebhookTokenRotatedAfterTheSnapshotIsRefusedAtTheFirstEventAfterTheRestore() {
        // The team rotated the token (it leaked) after the version was published; the restore comes seconds later,
        // well within the configuration TTL, yet the restored environment reads Parameter Store before it
        // authenticates the old token.
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, "whk-rotated-after-the-snapshot"),
                TestConfig.links()));
        int readsBefore = ParameterStore.reads();

        FunctionUrl.Answer[] stale = new FunctionUrl.Answer[1];
        List<JsonNode> metrics = MetricLines.during(
                () -> stale[0] = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json")));

        assertThat(stale[0].status()).isEqualTo(401);
        assertThat(ParameterStore.reads()).isEqualTo(readsBefore + 1);
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
        // Its metrics line counts this event only: not the init's configuration read, nor the rehearsals' calls.
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("ConfigReloads").asInt()).isEqualTo(1);
        assertThat(metrics.get(0).get("StatusHubFailures").asInt()).isZero();
        assertThat(metrics.get(0).get("PacingWaits").asInt()).isZero();
    }

    @Test
    @Order(3)
    void theFirstAlertAfterTheRestoreOpensIncidentsAsUsual() {
        Neighbours.resetToDefaults();
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);

        assertThat(Neighbours.statusHub().incidents()).hasSize(2);
    }
}
