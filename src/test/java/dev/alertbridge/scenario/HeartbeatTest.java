package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.MetricLines;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The team routes Alertmanager's always-firing {@code Watchdog} to the bridge ({@code "heartbeat": {}}), so a silent
 * monitoring pipeline raises the stack's {@code HeartbeatAlarm}: each firing arrival counts in {@code Heartbeats},
 * nothing reaches the page (not even where a link matches it), and the notification's other alerts are applied as
 * usual.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class HeartbeatTest {

    @BeforeEach
    void theWatchdogIsTheHeartbeatAndALinkMatchesItToo() {
        Neighbours.resetToDefaults();
        heartbeat("{}");
    }

    private static void heartbeat(String heartbeat) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new Parameter(ParameterStore.PATH + "heartbeat", "String", """
                        {"heartbeat": %s,
                         "links": [{"monitor": "watch*", "source": "alertmanager", "services": ["search"]}]}
                        """.formatted(heartbeat))));
    }

    private static long heartbeats(List<JsonNode> lines) {
        return lines.stream().mapToLong(line -> line.path("Heartbeats").asLong()).sum();
    }

    @Test
    void eachWatchdogNotificationIsCountedAndNothingReachesStatusHub() {
        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines = MetricLines.during(() -> {
            answers.add(FunctionUrl.post("/alertmanager", Events.load("alertmanager/watchdog.json")));
            answers.add(FunctionUrl.post("/alertmanager", Events.load("alertmanager/watchdog.json")));
        });

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.alert(0, "monitor")).isEqualTo("Watchdog");
            assertThat(answer.alert(0, "state")).isEqualTo("heartbeat");
            assertThat(answer.services(0, "service")).isEmpty();
        });
        assertThat(lines).extracting(line -> line.path("Heartbeats").asLong()).containsExactly(1L, 1L);
        assertThat(lines).extracting(line -> line.path("Outcome").asText()).containsOnly("applied");
        Journal.assertStatusHubUntouched();
    }

    @Test
    void theOtherAlertsOfTheNotificationAreAppliedAsUsual() {
        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines = MetricLines.during(() -> answers.add(FunctionUrl.post("/alertmanager",
                Events.load("alertmanager/watchdog-with-others.json"))));

        Answer answer = answers.get(0);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "state")).isEqualTo("heartbeat");
        assertThat(answer.alert(1, "monitor")).isEqualTo("HighErrorRate");
        assertThat(answer.services(1, "result")).containsExactly("created");
        assertThat(heartbeats(lines)).isEqualTo(1);
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("up");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aGrafanaHeartbeatIsMatchedLikeALinkIgnoringCaseWithWildcards() {
        heartbeat("{\"alert\": \"high MEMORY*\"}");
        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines = MetricLines.during(() -> answers.add(FunctionUrl.post("/grafana",
                Events.load("grafana/1-firing.json"))));

        Answer answer = answers.get(0);
        assertThat(answer.alert(0, "monitor")).isEqualTo("High memory usage");
        assertThat(answer.alert(0, "state")).isEqualTo("heartbeat");
        assertThat(answer.alert(1, "monitor")).isEqualTo("High CPU usage");
        assertThat(answer.services(1, "result")).containsExactly("created");
        assertThat(heartbeats(lines)).isEqualTo(1);
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
    }

    @Test
    void aResolvedWatchdogWritesNothingAndIsNotCounted() {
        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines = MetricLines.during(() -> answers.add(FunctionUrl.post("/alertmanager",
                Events.load("alertmanager/watchdog-resolved.json"))));

        assertThat(answers.get(0).alert(0, "state")).isEqualTo("heartbeat");
        assertThat(heartbeats(lines)).isZero();
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aWatchdogWithoutTheWebhookTokenIsRefusedAndNotCounted() {
        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines = MetricLines.during(() -> answers.add(FunctionUrl.send(Events.functionUrl("POST",
                "/alertmanager", null, "Bearer wrong-token-0123456789", Events.load("alertmanager/watchdog.json"),
                false))));

        assertThat(answers.get(0).status()).isEqualTo(401);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("Outcome").asText()).isEqualTo("unauthorized");
            assertThat(line.path("Heartbeats").asLong()).isZero();
        });
    }

    @Test
    void withoutAHeartbeatTheWatchdogIsAnAlertLikeAnyOther() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new Parameter(ParameterStore.PATH + "heartbeat", "String", """
                        {"links": [{"monitor": "watch*", "source": "alertmanager", "services": ["search"]}]}
                        """)));

        Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/watchdog.json"));

        assertThat(answer.alert(0, "state")).isEqualTo("open");
        assertThat(answer.services(0, "result")).containsExactly("created");
    }
}
