package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An Uptrends monitor linked at level 1 to a Management API service and at level 2 to an integration-URL service:
 * an error that never escalated, and its Ok, never reach the hook (Uptrends sends an Ok per level that alerted).
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class HookEscalationLevelsTest {
    private static final String MONITOR = "849b2046-213d-43ad-9efc-5af1faaeb222";

    @BeforeEach
    void levelOneToSearchLevelTwoToTheWidgetHook() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"search": {"name": "Search", "serviceId": 102},
                                      "widget": {"name": "Widget", "hookUrl": "%s"}},
                         "links": [{"monitor": "%s", "source": "uptrends", "escalationLevel": 1, "services": ["search"]},
                                   {"monitor": "%s", "source": "uptrends", "escalationLevel": 2, "services": ["widget"]}]}
                        """.formatted(Neighbours.baseUrl(), TestConfig.hookUrl(), MONITOR, MONITOR))));
    }

    @Test
    void aLevelOneErrorAndItsOkNeverReachTheLevelTwoHook() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        FunctionUrl.Answer ok = FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.services(0, "service")).containsExactly("search");
        assertThat(ok.services(0, "result")).containsExactly("updated");
        assertThat(Neighbours.statusHub().hookPosts()).isEmpty();
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("up");
    }
}
