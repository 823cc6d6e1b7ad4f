package dev.alertbridge.scenario;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The configuration check warns about settings that do not do what they seem to: a hold the reconciliation never
 * ends (report mode), a hold on an integration-URL service, two links on one service whose policies differ, and
 * links that match alarms only ignoring case.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ConfigurationCheckWarningsTest {
    private static final String CHECK = "{\"bridge\": \"check\"}";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    private static void configure(String settings, String links) {
        configure(settings, "", links);
    }

    /** With {@code searchSays} added to the search service's own fields. */
    private static void configure(String settings, String searchSays, String links) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, %s
                         "services": {"checkout": {"serviceId": 101}, "search": {"serviceId": 102 %s},
                                      "widget": {"hookUrl": "%s"}},
                         "links": [%s]}
                        """.formatted(Neighbours.baseUrl(), settings, searchSays, TestConfig.hookUrl(), links))));
    }

    @Test
    void aHoldOnACloudWatchLinkInReportModeIsWarnedAboutWhetherTheLinkSetsItOrInheritsIt() {
        configure("\"holdDown\": \"2m\",", """
                {"monitor": "checkout-*", "holdDown": "5m", "services": ["checkout"]},
                {"monitor": "fleet-*", "source": "cloudwatch", "services": ["search"]},
                {"monitor": "HighErrorRate", "source": "alertmanager", "services": ["search"]}""");

        Lambda.invoke(CHECK).statusCode(200).body("check", is("ok"))
                .body("notes", hasItem("links[0] (checkout-*) holds CloudWatch alarms back 300 s but reconcile.mode "
                        + "is report: a held alarm is posted only by the reconciliation in repair mode, so its "
                        + "alarms are never posted"))
                .body("notes", hasItem(containsString("links[1] (fleet-*) holds CloudWatch alarms back 120 s (the "
                        + "configuration's holdDown) but reconcile.mode is report")))
                .body("notes", everyItem(not(containsString("links[2] (HighErrorRate) holds"))));
        Journal.assertNoWrites();
    }

    @Test
    void inRepairModeAHoldIsNotWarnedAbout() {
        configure("\"reconcile\": {\"mode\": \"repair\"},", """
                {"monitor": "checkout-*", "holdDown": "5m", "services": ["checkout"]}""");

        Lambda.invoke(CHECK).statusCode(200).body("notes", everyItem(not(containsString("holds CloudWatch alarms"))));
    }

    @Test
    void aHoldThatReachesAnIntegrationUrlServiceIsWarnedAbout() {
        configure("\"reconcile\": {\"mode\": \"repair\"},", """
                {"monitor": "WidgetLatency*", "holdDown": "3m", "services": ["widget", "checkout"]}""");

        Lambda.invoke(CHECK).statusCode(200).body("notes", hasItem("links[0] (WidgetLatency*) holds CloudWatch "
                + "alarms back 180 s and reaches integration-URL service(s) widget: a held period reaches them only "
                + "from the reconciliation run after its hold ends (repair mode), never from the alarm's own events"));
    }

    @Test
    void aServiceTwoLinksReachWithDifferentPoliciesIsNamedAndAServicesOwnHoldIsWarnedAbout() {
        configure("", ", \"holdDown\": \"2m\"", """
                {"monitor": "checkout-*", "services": ["checkout"]},
                {"monitor": "checkout-5xx", "reopenWithin": "30m", "services": ["checkout"]},
                {"monitor": "HighErrorRate", "source": "alertmanager", "reopenWithin": "5m", "services": ["search"]},
                {"monitor": "search-*", "source": "cloudwatch", "services": ["search"]}""");

        Lambda.invoke(CHECK).statusCode(200).body("check", is("ok"))
                .body("notes", hasItem("service checkout is reached by links[0] and links[1], whose policies differ: "
                        + "an alert they both match takes links[0]'s policy (the first link's), with the worst of "
                        + "their statuses"))
                .body("notes", everyItem(not(containsString("service search is reached"))))
                .body("notes", hasItem(containsString("links[3] (search-*) holds CloudWatch alarms back 120 s (its "
                        + "service's holdDown) but reconcile.mode is report")))
                .body("notes", everyItem(not(containsString("links[2] (HighErrorRate) holds"))));
        Journal.assertNoWrites();
    }

    @Test
    void alarmsALinkMatchesOnlyIgnoringCaseAreNamed() {
        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"]},
                {"monitor": "HighErrorRate", "source": "alertmanager", "services": ["search"]}""");
        Instant now = Instant.now();
        Neighbours.cloudWatch().alarm("Checkout-5xx", "OK", now);
        Neighbours.cloudWatch().alarm("CHECKOUT-latency", "OK", now);
        Neighbours.cloudWatch().alarm("checkout-db", "OK", now);
        Neighbours.cloudWatch().alarm("higherrorrate", "OK", now);

        Lambda.invoke(CHECK).statusCode(200).body("check", is("ok"))
                .body("notes", hasItem(containsString("links[0] (checkout-*) matches alarm(s) only ignoring case: "
                        + "Checkout-5xx, CHECKOUT-latency. The bridge links them")))
                .body("notes", everyItem(not(containsString("checkout-db"))))
                .body("notes", everyItem(not(containsString("links[1]"))));
    }
}
