package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The README's first command, as a test: the embedded default configuration in dry run, and the samples/ of the
 * shop's day posted in order, each giving what the README says it gives.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(SamplesTest.EmbeddedDryRun.class)
class SamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class EmbeddedDryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.config.file", "classpath:default-config.json", "bridge.dry-run", "true");
        }
    }

    /** The report of a sample: the invocation's answer, or for Function URL samples the HTTP body it carries. */
    private static JsonNode post(String sample) throws Exception {
        String answer = Lambda.invoke(Files.readString(Path.of("samples", sample))).statusCode(200).extract()
                .asString();
        JsonNode node = JSON.readTree(answer);
        if (node.has("statusCode")) {
            assertThat(node.get("statusCode").asInt()).as(sample + " answered").isEqualTo(200);
            return JSON.readTree(node.get("body").asText());
        }
        return node;
    }

    private static List<String> results(JsonNode report, int alert) {
        return report.at("/alerts/" + alert + "/services").findValuesAsText("result");
    }

    @Test
    void theShopsDayInSampleEventsGivesWhatTheReadmeSays() throws Exception {
        JsonNode alarm = post("1-eventbridge-alarm.json");
        assertThat(alarm.get("dryRun").asBoolean()).isTrue();
        assertThat(alarm.at("/alerts/0/monitor").asText()).isEqualTo("ServerCpuTooHigh");
        assertThat(alarm.at("/alerts/0/services").findValuesAsText("service")).containsExactly("checkout", "search");
        assertThat(results(alarm, 0)).containsExactly("created", "created");
        assertThat(alarm.at("/alerts/0/services/0/request").asText())
                .startsWith("POST https://acme.app.statushub.io/api/v3/hubs/acme/incidents {")
                .contains("\"title\":\"Checkout: Service disruption\"")
                .contains("We are investigating a disruption to Checkout that began at 2019-10-02 17:04 UTC.")
                .doesNotContain("ServerCpuTooHigh");
        assertThat(alarm.at("/alerts/0/services/1/request").asText())
                .startsWith("POST https://hooks.statushub.io/hooks/generic {").doesNotContain("local-dry-run");
        assertThat(results(post("1-eventbridge-alarm.json"), 0)).containsExactly("unchanged", "unchanged");

        JsonNode ok = post("2-eventbridge-ok.json");
        assertThat(results(ok, 0)).containsExactly("updated", "updated");
        assertThat(ok.at("/alerts/0/services/0/request").asText()).contains("\"incident_type\":\"monitoring\"")
                .contains("\"status\":\"up\"");

        assertThat(results(post("3-uptrends-alert.json"), 0)).containsExactly("created");
        assertThat(results(post("4-uptrends-ok.json"), 0)).containsExactly("updated");
        assertThat(results(post("5-alertmanager-firing.json"), 0)).containsExactly("created");
        assertThat(results(post("6-alertmanager-resolved.json"), 0)).containsExactly("updated");
        assertThat(results(post("7-grafana-firing.json"), 0)).containsExactly("created");
        assertThat(results(post("8-sns-alarm.json"), 0)).containsExactly("created");
        assertThat(results(post("9-alarm-action.json"), 0)).containsExactly("created");
        Neighbours.wireMock().getAllServeEvents().forEach(e -> assertThat(e.getRequest().getUrl())
                .as("dry run sends nothing to StatusHub").doesNotStartWith("/api/v3").doesNotStartWith("/hooks"));
    }
}
