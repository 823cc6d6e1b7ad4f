package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.StatusHubStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A slow, failing or rate-limiting StatusHub never leaves the page wrong: what failed is retried by the event's
 * retry, what landed is never repeated. {@code ThreeServices} is linked to checkout (101), search (102) and
 * payments (103); {@code FanOutTwelve} to twelve services.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class StatusHubTroubleTest {
    private static final String CREATE = "/api/v3/hubs/acme/incidents";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void whenTheSecondOfThreeServicesFailsTheRetryCompletesTheRestWithoutDuplicates() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .withRequestBody(containing("\"service_id\":102")).inScenario("search fails once")
                .whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500)));
        String alarm = Events.alarm("ThreeServices", "2024-03-01T10:00:00.000+0000");

        Lambda.invoke(alarm).statusCode(500).body("errorMessage", allOf(
                containsString("StatusHub not fully updated, retry the event"),
                containsString("ThreeServices → search: StatusHub unavailable for POST /hubs/acme/incidents: HTTP 500")));
        assertThat(serviceIdsOfIncidents()).containsExactlyInAnyOrder(101L, 103L);

        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "created", "unchanged")));
        assertThat(serviceIdsOfIncidents()).containsExactlyInAnyOrder(101L, 102L, 103L);
        Neighbours.wireMock().verify(4, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aConnectionResetWhileReadingIsRetriedInTheInvocation() {
        Neighbours.wireMock().stubFor(get(urlPathEqualTo(CREATE)).atPriority(1).inScenario("reset once")
                .whenScenarioStateIs(STARTED).willSetStateTo("fine")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Lambda.invoke(Events.alarm("ThreeServices", "2024-03-01T11:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created", "created")));
        // The reset read, its retry, and the one look after creating (for concurrent duplicates).
        Neighbours.wireMock().verify(3, getRequestedFor(urlPathEqualTo(CREATE)));
    }

    @Test
    void aCreateSlowerThanTheTimeoutThatLandedAnywayIsFoundByTheRetryAndNotRepeated() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .withRequestBody(containing("\"service_id\":101")).inScenario("slow once")
                .whenScenarioStateIs(STARTED).willSetStateTo("fast")
                .willReturn(aResponse().withTransformers(StatusHubStandIn.NAME).withFixedDelay(3000)));
        String alarm = Events.alarm("ThreeServices", "2024-03-01T12:00:00.000+0000");

        Lambda.invoke(alarm).statusCode(500)
                .body("errorMessage", containsString("checkout: StatusHub unavailable for POST /hubs/acme/incidents: "
                        + "no answer within 2000 ms"));
        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged", "unchanged")));
        assertThat(serviceIdsOfIncidents()).containsExactlyInAnyOrder(101L, 102L, 103L);
    }

    @Test
    void anAnswerThatTricklesInPastTheTimeoutIsGivenUpAtTheTimeoutNotWhenItEnds() {
        // Every piece arrives well within the timeout; the whole answer, taking 6 s, would be a success: the failure
        // shows the call was given up at its timeout, whatever this machine's speed.
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .withRequestBody(containing("\"service_id\":101")).inScenario("trickles once")
                .whenScenarioStateIs(STARTED).willSetStateTo("fast")
                .willReturn(aResponse().withTransformers(StatusHubStandIn.NAME).withChunkedDribbleDelay(30, 6000)));
        String alarm = Events.alarm("ThreeServices", "2024-03-01T12:30:00.000+0000");

        Lambda.invoke(alarm).statusCode(500)
                .body("errorMessage", containsString("checkout: StatusHub unavailable for POST /hubs/acme/incidents: "
                        + "no answer within 2000 ms"));
        Lambda.invoke(alarm).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged", "unchanged")));
        assertThat(serviceIdsOfIncidents()).containsExactlyInAnyOrder(101L, 102L, 103L);
    }

    @Test
    void aWriteRefusedWithAnAuthenticationChallengeIsARejectionNotAnOutage() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer realm=\"statushub\"")
                        .withBody("{\"error\":\"invalid api key\"}")));
        Lambda.invoke(Events.alarm("ThreeServices", "2024-03-01T12:45:00.000+0000")).statusCode(500)
                .body("errorMessage", containsString("checkout: StatusHub rejected POST /hubs/acme/incidents with HTTP 401"));
        Neighbours.wireMock().verify(3, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(serviceIdsOfIncidents()).isEmpty();
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .withRequestBody(containing("\"service_id\":103")).inScenario("limited once")
                .whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":\"Too many requests - please retry later\"}")));
        Lambda.invoke(Events.alarm("ThreeServices", "2024-03-01T13:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created", "created")));

        List<LoggedRequest> payments = Neighbours.wireMock().findAll(postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(containing("\"service_id\":103")));
        assertThat(payments).hasSize(2);
        assertThat(payments.get(1).getLoggedDate().getTime() - payments.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void a429WhoseWaitDoesNotFitTheInvocationFailsAtOnceForTheEventRetry() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        Lambda.invoke(Events.alarm("ThreeServices", "2024-03-01T14:00:00.000+0000")).statusCode(500)
                .body("errorMessage", containsString("not enough time left in this invocation to wait 3600 s for "
                        + "StatusHub's rate limit"));
        // One write per service, none retried: the wait was judged, not attempted.
        Neighbours.wireMock().verify(3, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aRejectedWriteIsPermanentAndNotRepeated() {
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1)
                .withRequestBody(containing("\"service_id\":102"))
                .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"service not found\"}")));
        Lambda.invoke(Events.alarm("ThreeServices", "2024-03-01T15:00:00.000+0000")).statusCode(500)
                .body("errorMessage", containsString("search: StatusHub rejected POST /hubs/acme/incidents with HTTP 422"));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(containing("\"service_id\":102")));
        assertThat(serviceIdsOfIncidents()).containsExactlyInAnyOrder(101L, 103L);
    }

    @Test
    void aWebhookGets503WhenStatusHubIsDownAnd422WhenItRejects() {
        Neighbours.wireMock().stubFor(get(urlPathEqualTo(CREATE)).atPriority(1).willReturn(aResponse().withStatus(502)));
        Lambda.invoke(Events.webhook("/alertmanager", Events.load("alertmanager/1-firing.json"))).statusCode(200)
                .body("statusCode", is(503));
        Neighbours.resetToDefaults();
        Neighbours.wireMock().stubFor(post(urlEqualTo(CREATE)).atPriority(1).willReturn(aResponse().withStatus(403)));
        Lambda.invoke(Events.webhook("/alertmanager", Events.load("alertmanager/1-firing.json"))).statusCode(200)
                .body("statusCode", is(422));
        Journal.assertNoWritesLanded();
    }

    @Test
    void aFanOutToTwelveServicesNeverSendsMoreThanFiveWritesInAnySecond() {
        Lambda.invoke(Events.alarm("FanOutTwelve", "2024-03-02T10:00:00.000+0000")).statusCode(200);
        List<Long> times = new ArrayList<>(Neighbours.wireMock().findAll(postRequestedFor(urlMatching("/api/v3/.*")))
                .stream().map(r -> r.getLoggedDate().getTime()).sorted(Comparator.naturalOrder()).toList());
        assertThat(times).hasSize(12);
        for (int i = 0; i + 5 < times.size(); i++) {
            assertThat(times.get(i + 5) - times.get(i)).as("6 writes within one second from write %d", i)
                    .isGreaterThanOrEqualTo(1000);
        }
    }

    /**
     * A cold environment: its first writes reach StatusHub 700 ms late. Counted where StatusHub counts them, on
     * arrival, no second may hold more than five: the next writes wait until the late ones are answered.
     */
    @Test
    void aFanOutWhoseFirstWritesArriveLateStillKeepsFiveWritesInAnySecondAsStatusHubCountsThem() {
        Neighbours.statusHub().delayFirstWrites(5, 700);

        Lambda.invoke(Events.alarm("FanOutTwelve", "2024-03-03T10:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", org.hamcrest.Matchers.everyItem(is("created")));

        List<Long> arrivals = Neighbours.statusHub().writeArrivals().stream().sorted().toList();
        assertThat(arrivals).hasSize(12);
        for (int i = 0; i + 5 < arrivals.size(); i++) {
            assertThat(arrivals.get(i + 5) - arrivals.get(i)).as("6 writes arrived within one second from write %d", i)
                    .isGreaterThanOrEqualTo(1000);
        }
    }

    private static List<Long> serviceIdsOfIncidents() {
        return Neighbours.statusHub().incidents().stream()
                .map(i -> i.get("incident_updates").get(0).get("service_statuses").get(0).get("service_id").asLong())
                .toList();
    }
}
