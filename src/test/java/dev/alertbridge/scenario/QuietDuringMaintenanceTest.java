package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The team scheduled a maintenance in StatusHub for Checkout (101): the database upgrade trips ServerCpuTooHigh,
 * which is linked to Checkout and Search (102). Nothing is posted over the announced maintenance; everything else
 * works as usual.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class QuietDuringMaintenanceTest {

    @BeforeEach
    void reset() {
        Neighbours.resetToDefaults();
    }

    private static Instant now() {
        return MovableClock.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Scheduled half an hour ago for an hour and a half; returns when it ends. */
    private static Instant databaseUpgradeOnCheckout(String shape) {
        Instant start = now().minus(Duration.ofMinutes(30));
        Instant end = start.plus(Duration.ofMinutes(90));
        Neighbours.statusHub().maintenance("Database upgrade", start, end, shape, 101);
        return end;
    }

    @ParameterizedTest(name = "services written as {0}")
    @ValueSource(strings = { "services", "service_ids", "service_statuses" })
    void anAlarmDuringTheMaintenanceOpensNothingOnTheServiceInIt(String shape) {
        Instant end = databaseUpgradeOnCheckout(shape);

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("checkout", "search")))
                .body("alerts[0].services.result", is(List.of("skipped", "created")))
                .body("alerts[0].services[0].why", containsString("in maintenance 'Database upgrade' until " + end));

        assertThat(Neighbours.statusHub().incidents()).extracting(i -> i.at(
                "/incident_updates/0/service_statuses/0/service_id").asLong()).containsExactly(102L);
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void aMaintenanceThatEndedHoldsNothing() {
        Neighbours.statusHub().maintenance("Last night's upgrade", now().minus(Duration.ofHours(5)),
                now().minus(Duration.ofHours(4)), "services", 101);

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
    }

    @Test
    void maintenancePostOpensAsIfThereWereNone() {
        databaseUpgradeOnCheckout("services");
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new ParameterStore.Parameter(ParameterStore.PATH + "maintenance", "String",
                        "{\"maintenance\": \"post\"}")));

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        Neighbours.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/maintenances")));
    }

    @Test
    void aClearDuringTheMaintenanceClearsAsUsual() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        databaseUpgradeOnCheckout("services");
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(Events.load("eventbridge/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
        Neighbours.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/maintenances")));
    }

    @Test
    void maintenancesDoNotHoldIntegrationUrlServices() {
        databaseUpgradeOnCheckout("services");

        // A name of its own: the environment remembers what it posted to an integration URL, across tests too.
        String alarm = "WidgetLatency-maintenance-" + System.nanoTime();
        Lambda.invoke(Events.load("eventbridge/widget-1-alarm.json").replace("WidgetLatency", alarm)).statusCode(200)
                .body("alerts[0].services.service", is(List.of("widget", "checkout")))
                .body("alerts[0].services.result", is(List.of("created", "skipped")));
        assertThat(Neighbours.statusHub().hookPosts()).hasSize(1);
    }

    @Test
    void aHubWhoseMaintenanceListCannotBeReadOpensAsIfThereWereNone() {
        Neighbours.statusHub().noMaintenanceList();

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        assertThat(Journal.creates()).isEqualTo(2);
    }

    /** A broken list is asked once, alongside the lookup, not retried: the open goes on as if there were none. */
    @Test
    void aMaintenanceListThatFailsIsAskedOnceAndTheOpenGoesOn() {
        Neighbours.statusHub().maintenanceListFails();

        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        Neighbours.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/maintenances")));
    }
}
