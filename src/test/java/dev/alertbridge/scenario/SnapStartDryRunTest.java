package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A dry run published with SnapStart: the priming reads the configuration and rehearses its decisions, but reads
 * no StatusHub and rehearses no writes, not even against its loopback hub (a dry run writes nothing, so has no
 * write path to warm).
 */
@QuarkusTest
@TestProfile(SnapStartDryRunTest.SnapStartDryRun.class)
@QuarkusTestResource(Neighbours.class)
class SnapStartDryRunTest {
    public static class SnapStartDryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aws.lambda.initialization-type", "snap-start", "bridge.dry-run", "true");
        }
    }

    @Test
    void theInitSendsNothingAnywhere() {
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("primed for the SnapStart snapshot")
                && line.contains("StatusHub not read") && line.contains("no dress rehearsal (dry run"));
        assertThat(Neighbours.wireMock().findAll(anyRequestedFor(urlPathMatching("/(api/v3|hooks)/.*")))).isEmpty();
    }
}
