package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reconciliation as a real estate runs it: many linked alarms, one listing of the hub shared by every alarm it
 * checks (plus one re-read after its writes), every alarm a link matches ignoring case, the links the rule embeds,
 * and the links' modes respected.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ReconciliationAtScaleTest {
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";
    private static final String LIST = "/api/v3/hubs/acme/incidents";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
        configure("""
                {"monitor": "checkout-*", "services": ["checkout"]},
                {"monitor": "fleet-*", "source": "cloudwatch", "services": ["search"]},
                {"monitor": "shadowed-*", "mode": "shadow", "services": ["payments"]}""");
    }

    private static void configure(String links) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102},
                                      "payments": {"serviceId": 103}},
                         "links": [%s],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl(), links))));
    }

    private static Instant ago(Duration duration) {
        return MovableClock.now().minus(duration).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The hub's list requests that started a listing (its first page): each is one read of the whole hub. */
    private static int listings() {
        return Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo(LIST))).stream()
                .filter(r -> !r.queryParameter("page").isPresent() || r.queryParameter("page").firstValue()
                        .equals("1"))
                .toList().size();
    }

    @Test
    void aRunOverManyAlarmsListsTheHubOnceAndReadsItOnceMoreAfterItsWrites() {
        for (int i = 0; i < 60; i++) {
            Neighbours.cloudWatch().alarm("fleet-%03d".formatted(i), i % 6 == 0 ? "ALARM" : "OK",
                    ago(Duration.ofMinutes(30 + i)));
        }

        Lambda.invoke(RECONCILE).statusCode(200).body("alarms", is(60)).body("checked", is(60))
                .body("findings", is(10)).body("finished", is(true));

        assertThat(Journal.creates()).isEqualTo(10);
        assertThat(listings()).as("one listing, one re-read after the writes").isEqualTo(2);
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
        Neighbours.wireMock().resetRequests();

        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        assertThat(listings()).as("nothing written: no re-read").isEqualTo(1);
    }

    @Test
    void anAlarmALinkMatchesOnlyIgnoringCaseIsRepaired() {
        Neighbours.cloudWatch().alarm("Checkout-Cache", "ALARM", ago(Duration.ofMinutes(20)));

        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarm", is(List.of("Checkout-Cache")))
                .body("found.action", is(List.of("created")));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");
    }

    @Test
    void theScheduleCarriesTheLinksTheRuleEmbedsAndTheRunUsesThem() {
        Neighbours.cloudWatch().alarm("rule-only-db", "ALARM", ago(Duration.ofMinutes(20)));
        Neighbours.cloudWatch().alarm("checkout-db", "ALARM", ago(Duration.ofMinutes(20)));
        String schedule = """
                {"reconcile": {"version": "0", "id": "53dc4d37", "detail-type": "Scheduled Event",
                               "source": "aws.events", "time": "2026-12-05T10:00:00Z", "detail": {}},
                 "links": [{"monitor": "rule-only-*", "services": ["search"]}]}""";

        Lambda.invoke(schedule).statusCode(200).body("found.alarm", is(List.of("rule-only-db")))
                .body("found.service", is(List.of("search")));
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
        assertThat(Neighbours.statusHub().pageStatus(101)).as("the stored links are not the rule's").isEqualTo("up");
    }

    @Test
    void aLinkInShadowModeIsReportedAndNeverWrittenByARepairRun() {
        Neighbours.cloudWatch().alarm("shadowed-queue", "ALARM", ago(Duration.ofMinutes(20)));

        Lambda.invoke(RECONCILE).statusCode(200).body("found.service", is(List.of("payments")))
                .body("found.reconcile", is(List.of("drift")))
                .body("found.action", hasItem(org.hamcrest.Matchers.startsWith("would create")));
        Journal.assertNoWrites();
    }
}
