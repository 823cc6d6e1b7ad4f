package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
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
 * The team pages its on-call at the first minute but wants the public page to change only once an alarm has
 * lasted: {@code "holdDown": "5m"}. The ALARM event is held; the scheduled reconciliation opens the incident once
 * CloudWatch shows the alarm has been in ALARM that long; an OK during the hold leaves nothing behind.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class HoldDownTest {
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    @BeforeEach
    void aFiveMinuteHoldOnCheckout() {
        Neighbours.resetToDefaults();
        holds("\"holdDown\": \"5m\",", "");
    }

    private static void holds(String whole, String onLink) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, %s
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101}},
                         "links": [{"monitor": "checkout-*", "services": ["checkout"] %s},
                                   {"monitor": "HighErrorRate", "source": "alertmanager", "services": ["checkout"],
                                    "holdDown": "2m"}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl(), whole, onLink))));
    }

    private static Instant secondsAgo(long seconds) {
        return MovableClock.now().minusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void anAlarmIsHeldThenOpenedByTheReconciliationOnceItLastedAndItsLateEventAddsNothing() {
        Instant began = secondsAgo(60);
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", began);

        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(began))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"))
                .body("alerts[0].services[0].why", containsString("held until " + began.plus(Duration.ofMinutes(5))));
        Journal.assertNoWrites();
        Lambda.invoke(RECONCILE).statusCode(200).body("findings", is(0));
        Journal.assertNoWrites();

        MovableClock.advance(Duration.ofMinutes(5));
        Lambda.invoke(RECONCILE).statusCode(200).body("found.action", is(List.of("created")));
        assertThat(Neighbours.statusHub().incidents()).singleElement()
                .satisfies(i -> assertThat(i.get("start_time").asText()).isEqualTo(began.toString()));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");

        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(began))).statusCode(200)
                .body("alerts[0].services[0].result", is("unchanged"));
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void anOkDuringTheHoldLeavesNothingBehind() {
        Instant began = secondsAgo(60);
        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(began))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"));

        Lambda.invoke(Events.ok("checkout-5xx", CLOUDWATCH.format(began), CLOUDWATCH.format(secondsAgo(10))))
                .statusCode(200).body("alerts[0].services[0].result", is("unchanged"));
        Journal.assertNoWrites();
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
    }

    @Test
    void aLinksHoldWinsOverTheConfigurationsAndAnAlarmOlderThanTheHoldOpensAtOnce() {
        holds("\"holdDown\": \"1h\",", ", \"holdDown\": \"90s\"");
        Instant began = secondsAgo(120);

        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(began))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
    }

    @Test
    void aHoldThatIsNotADurationIsRefusedByPath() {
        holds("\"holdDown\": \"5 minutes\",", "");

        Lambda.invoke(Events.alarm("checkout-5xx", CLOUDWATCH.format(secondsAgo(60)))).statusCode(500)
                .body("errorMessage", containsString("at $.holdDown: must be a whole number and a unit: 90s, 2m, 1h"));
        Journal.assertStatusHubUntouched();
    }

    @Test
    void theCheckSaysAHoldOnAWebhookSourcesLinkDoesNothing() {
        Lambda.invoke("{\"bridge\": \"check\"}").statusCode(200).body("notes", hasItem(containsString(
                "links[1] (alertmanager): holdDown applies to CloudWatch alarms only")));
    }
}
