package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.LogCapture;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Read adversarially: neighbours that hang or half-apply, URLs that hide tokens, names people change, a Parameter
 * Store that stays down. The invocation always answers in time, never writes twice, never prints a secret.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(HardeningTest.FourSecondInvocations.class)
class HardeningTest {

    /** Invocations of 4 s (as a Lambda timeout would give), configuration cached 60 s, stale for at most 15 min. */
    public static class FourSecondInvocations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.local-budget", "4s", "bridge.config.ttl", "60s", "bridge.config.max-stale", "15m");
        }
    }

    @BeforeEach
    void freshAndPastAnyEarlierTtl() {
        Neighbours.resetToDefaults();
        MovableClock.advance(Duration.ofHours(1));
    }

    @Test
    void aParameterStoreThatHangsStillLetsTheInvocationAnswerInTime() {
        ParameterStore.hangs(15_000);

        // The read is abandoned within the invocation's 4 s (the log says so), long before the 15 s answer.
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500);

        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("could not read Parameter Store path "
                + "/statushub-bridge/ within") && line.contains("the invocation's remaining time"));
        Journal.assertNoWrites();
    }

    @Test
    void aCreateThatStatusHubAppliedButAnswered503IsNotRepeatedAndTheRetryFindsIt() {
        Neighbours.statusHub().applyThenAnswer(503, 1);
        String alarm = Events.alarm("ThreeServices", "2024-08-01T10:00:00.000+0000");

        Lambda.invoke(alarm).statusCode(500).body("errorMessage", containsString("HTTP 503"));
        Neighbours.wireMock().verify(3, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents")));

        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged", "unchanged")));
        assertThat(Neighbours.statusHub().incidents()).hasSize(3);
        Neighbours.wireMock().verify(3, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents")));
    }

    @Test
    void tokensInAnIntegrationUrlsPathOrBareQueryNeverReachTheCallerOrTheLog() {
        String pathToken = "a1b2c3d4e5f6a7b8c9d0";
        String queryToken = "q9w8e7r6t5y4u3i2";
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme"},
                         "services": {"widget": {"hookUrl": "%s/hooks/%s/in?%s"}},
                         "links": [{"monitor": "HighErrorRate", "services": ["widget"]}]}
                        """.formatted(Neighbours.baseUrl(), pathToken, queryToken))));
        Neighbours.wireMock().stubFor(post(urlPathEqualTo("/hooks/" + pathToken + "/in")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"token " + queryToken + " expired\"}")));

        FunctionUrl.Answer answer = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.services(0, "why")).singleElement().asString()
                .contains(Neighbours.baseUrl() + "/hooks/***/in").doesNotContain(pathToken).doesNotContain(queryToken);
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(pathToken) || line.contains(queryToken));
    }

    @Test
    void aPlainHttpStatusHubUrlIsRefusedBeforeAnythingIsSent() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "http://acme.app.statushub.io/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}},
                         "links": [{"monitor": "ServerCpuTooHigh", "services": ["checkout"]}]}
                        """)));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", is("invalid configuration in /statushub-bridge/links at $.statushub.apiUrl: "
                        + "must use https:// (plain http:// only to localhost, for local runs)"));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void aRenamedUptrendsMonitorStillClearsItsIncident() {
        FunctionUrl.post("/uptrends", Events.load("uptrends/1-alert.json"));
        String incident = Neighbours.statusHub().incidents().get(0).get("id").asText();

        FunctionUrl.Answer ok = FunctionUrl.post("/uptrends", Events.load("uptrends/2-ok.json")
                .replace("GalacticResorts.com - DNS", "Galactic Resorts - DNS (renamed)"));

        assertThat(ok.services(0, "result")).containsExactly("updated");
        assertThat(ok.services(0, "incidentId")).containsExactly(incident);
    }

    @Test
    void aServiceKeyRenamedInTheConfigurationStillFindsTheOpenIncident() {
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", "2024-08-02T10:00:00.000+0000")).statusCode(200);
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"shop-checkout": {"serviceId": 101}, "site-search": {"serviceId": 102}},
                         "links": [{"monitor": "ServerCpuTooHigh", "services": ["shop-checkout", "site-search"]}]}
                        """.formatted(Neighbours.baseUrl()))));
        MovableClock.advance(Duration.ofSeconds(61));

        Lambda.invoke(Events.ok("ServerCpuTooHigh", "2024-08-02T10:00:00.000+0000", "2024-08-02T10:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.service", is(List.of("shop-checkout", "site-search")))
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        assertThat(Journal.creates()).isEqualTo(2);
    }

    @Test
    void aParameterStoreDownForLongerThanTheBoundStopsServingTheOldConfigurationLoudly() {
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        ParameterStore.fails(400, "AccessDeniedException");

        MovableClock.advance(Duration.ofSeconds(61));
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        MovableClock.advance(Duration.ofMinutes(13));
        Lambda.invoke(Events.load("eventbridge/insufficient-data.json")).statusCode(200);
        MovableClock.advance(Duration.ofMinutes(2)); // the configuration it holds is now 16 minutes old

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("the configuration cannot be refreshed since"),
                        containsString("is older than 15 min"), containsString("no longer served"),
                        containsString("AccessDeniedException"),
                        not(containsString(TestConfig.WEBHOOK_TOKEN))));
        FunctionUrl.Answer webhook = FunctionUrl.post("/alertmanager", Events.load("alertmanager/1-firing.json"));
        assertThat(webhook.status()).isEqualTo(503);
        Journal.assertNoWrites();
    }
}
