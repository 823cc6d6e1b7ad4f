package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code {alert}} is the alert's own title: for Alertmanager and Grafana the rule's name ({@code alertname}), not its
 * {@code summary} (typically hosts), which stays the alert's description. Whatever people typed reaches StatusHub
 * with nothing in it that could form a tag or a link, while the team's template text is written as typed.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class AlertNamesOnThePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        Neighbours.resetToDefaults();
    }

    /** The standard links, and these templates for the whole configuration. */
    private static void publish(String publish) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new Parameter(ParameterStore.PATH + "publish", "String",
                        "{\"publish\": " + publish + "}")));
    }

    /** What StatusHub received to create incidents, as JSON bodies. */
    private static List<JsonNode> creates() {
        return Journal.createBodies();
    }

    @Test
    void anAlertmanagerAlertIsTitledByItsRuleNameWhileItsSummaryStaysItsDescription() {
        publish("{\"title\": \"{alert}: {status}\", \"open\": \"{alert}: {description}\"}");

        FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json")
                .replace("Checkout error rate above 5%", "db-1, db-2 down"));

        JsonNode create = creates().get(0);
        assertThat(create.get("title").asText()).isEqualTo("HighErrorRate: Service disruption");
        assertThat(create.get("body").asText()).startsWith("HighErrorRate: db-1, db-2 down\n\nRef. ");
    }

    @Test
    void aGrafanaAlertIsTitledByItsRuleTitleNotItsSummary() {
        publish("{\"title\": \"{alert}: {status}\"}");

        FunctionUrl.post("/grafana", Events.load("grafana/1-firing.json"));

        assertThat(creates()).extracting(create -> create.get("title").asText()).containsExactlyInAnyOrder(
                "High memory usage: Service disruption", "High CPU usage: Service disruption");
        assertThat(creates().toString()).doesNotContain("triggered for zone");
    }

    @Test
    void aRuleNameWithMarkupReachesStatusHubNeutralisedAndTheTeamsMarkdownAsWritten() throws IOException {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "*", "source": "alertmanager", "services": ["checkout"]}],
                         "publish": {"title": "{alert}: {status}", "open":
                           "**{service}** is hit by {alert} ({description}).\\n\\nSee [status](https://x.example)."}}
                        """.formatted(Neighbours.baseUrl()))));
        String name = "Pay [now](javascript:alert(1)) ![x](https://evil.example/p.png) <script>steal()</script> "
                + "CPU > 90% & *rising*";
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load("alertmanager/1-firing.json"));
        ((ObjectNode) notification.at("/alerts/0/labels")).put("alertname", name);
        ((ObjectNode) notification.at("/alerts/0/annotations")).put("summary", "db-1\n# db-2 <b>down</b>");

        FunctionUrl.post("/alertmanager", JSON.writeValueAsString(notification));

        String neutral = "Pay [now] (javascript:alert(1)) ! [x] (https://evil.example/p.png) "
                + "‹script›steal()‹/script› CPU › 90% & *rising*";
        JsonNode create = creates().get(0);
        assertThat(create.get("title").asText()).isEqualTo(neutral + ": Service disruption");
        assertThat(create.get("body").asText()).startsWith("**Checkout** is hit by " + neutral
                + " (db-1 # db-2 ‹b›down‹/b›).\n\nSee [status](https://x.example).\n\nRef. ");
        assertThat(create.toString()).doesNotContain("](javascript", "![", "<script", "<b>", "\\\\");
    }
}
