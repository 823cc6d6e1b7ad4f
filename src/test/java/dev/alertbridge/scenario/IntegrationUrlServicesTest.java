package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A service reached through its own StatusHub integration URL: the alarm {@code WidgetLatency} is linked to the
 * {@code widget} service (integration URL) and the {@code checkout} service (Management API).
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class IntegrationUrlServicesTest {
    private static final String HOOK_PATH = "/hooks/generic?token=" + TestConfig.HOOK_TOKEN;

    /**
     * Each test its own alarm (WidgetLatency-1, -2…): the function remembers, per execution environment, what it
     * posted, and an alarm whose incident it left open continues that incident.
     */
    private static final AtomicInteger EPISODE = new AtomicInteger();
    private String alarm;
    private String ok;
    private String openedAt;
    private String name;

    @BeforeEach
    void freshAndANewEpisode() {
        Neighbours.resetToDefaults();
        int day = EPISODE.incrementAndGet();
        openedAt = "2019-11-%02dT17:04:40Z".formatted(day);
        String stamp = "2019-11-%02dT17:04:40.989+0000".formatted(day);
        name = "WidgetLatency-" + day;
        alarm = Events.load("eventbridge/widget-1-alarm.json").replace("2019-10-02T17:04:40.989+0000", stamp)
                .replace("WidgetLatency", name);
        ok = Events.load("eventbridge/widget-2-ok.json").replace("2019-10-02T17:04:40.989+0000", stamp)
                .replace("2019-10-02T17:34:40.989+0000", stamp.replace("17:04", "17:34")).replace("WidgetLatency", name);
    }

    @Test
    void oneAlarmUpdatesEachServiceThroughItsOwnPath() {
        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.service", is(List.of("widget", "checkout")))
                .body("alerts[0].services.via", is(List.of("integration-url", "management-api")))
                .body("alerts[0].services.result", is(List.of("created", "created")));

        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo(HOOK_PATH))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("json"))
                .withRequestBody(equalToJson(
                        """
                                {"type": "incident", "id": "${json-unit.regex}sb2\\\\.cw-[0-9a-f]{8}\\\\.[0-9a-f]{12}\\\\.[0-9a-f]{12}\\\\.[0-9a-f]{6}",
                                 "title": "%s", "description": "${json-unit.any-string}",
                                 "start_time": "%s", "state": "investigating"}
                                """
                                .formatted("Widget: Service disruption", openedAt))));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
    }

    @Test
    void theOpenItsDuplicateAndTheClearCarryTheSameId() {
        Lambda.invoke(alarm).statusCode(200);
        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        Lambda.invoke(ok).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));

        Map<String, List<JsonNode>> posts = Neighbours.statusHub().hookPosts();
        assertThat(posts).hasSize(1);
        List<JsonNode> states = posts.values().iterator().next();
        assertThat(states).extracting(p -> p.get("state").asText()).containsExactly("investigating", "monitoring");
        assertThat(states.get(1).get("start_time").asText()).isEqualTo(openedAt.replace("17:04", "17:34"));
    }

    @Test
    void aLaterEpisodeAfterTheClearGetsANewIdButWhileOpenContinuesTheIncident() {
        String later = alarm.replace(openedAt.replace("Z", ".989+0000"), "2019-12-31T09:00:00.000+0000");
        Lambda.invoke(alarm).statusCode(200);
        Lambda.invoke(later).statusCode(200).body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        assertThat(Neighbours.statusHub().hookPosts()).hasSize(1);

        Lambda.invoke(ok).statusCode(200);
        Lambda.invoke(later).statusCode(200).body("alerts[0].services.result", is(List.of("created", "created")));
        assertThat(Neighbours.statusHub().hookPosts()).hasSize(2);
    }

    @Test
    void theTokenNeverAppearsInTheAnswerOrTheLog() {
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/hooks/generic")).atPriority(1)
                .willReturn(aResponse().withStatus(404)));
        Lambda.invoke(alarm).statusCode(500)
                .body("errorMessage",
                        allOf(containsString("HTTP 404"),
                                containsString("POST " + Neighbours.baseUrl() + "/hooks/generic (service"),
                                not(containsString(TestConfig.HOOK_TOKEN))));
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(TestConfig.HOOK_TOKEN));
    }

    @Test
    void aClientErrorFromTheUrlIsPermanentAndNotRepeated() {
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/hooks/generic")).atPriority(1)
                .willReturn(aResponse().withStatus(410)));
        Lambda.invoke(alarm).statusCode(500)
                .body("errorMessage", containsString("rejected POST " + Neighbours.baseUrl()
                        + "/hooks/generic (service widget) with HTTP 410"));
        Neighbours.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/hooks/generic")));
        // The other service is not held back by the failed one.
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
    }

    @Test
    void aServerErrorIsTransientAndTheRetryOfTheEventCompletesIt() {
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/hooks/generic")).atPriority(1)
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("json"))
                .willReturn(aResponse().withStatus(503)));
        Lambda.invoke(alarm).statusCode(500)
                .body("errorMessage", allOf(containsString("StatusHub unavailable"), containsString("HTTP 503")));
        // An integration-URL post is idempotent by its id: retried in the invocation (2 retries), then by the event.
        Neighbours.wireMock().verify(3, postRequestedFor(urlPathEqualTo("/hooks/generic")));

        Neighbours.wireMock().removeStub(Neighbours.wireMock().getStubMappings().stream()
                .filter(s -> s.getPriority() != null && s.getPriority() == 1).findFirst().orElseThrow());
        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "unchanged")));
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
        assertThat(Neighbours.statusHub().hookPosts()).hasSize(1);
    }

    @Test
    void theHookUrlIsPostedWithItsTokenAsStatusHubGaveIt() {
        Lambda.invoke(alarm).statusCode(200);
        Neighbours.wireMock().verify(postRequestedFor(urlPathEqualTo("/hooks/generic"))
                .withQueryParam("token", equalTo(TestConfig.HOOK_TOKEN)));
    }
}
