package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * During a real outage the database slows, and the alarms of Checkout and of Search fire within a minute: with
 * {@code group}, customers read one public incident for the outage, each service recovering on its own inside it,
 * instead of one incident per alarm and service.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class OneOutageOnePublicIncidentTest {
    private static final long CHECKOUT = 101;
    private static final long SEARCH = 102;
    private static final long PAYMENTS = 103;

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /** The configuration with these links, and {@code whole} at the configuration's top level. */
    private static void configure(String whole, String links) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"}, %s
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101},
                                      "search": {"name": "Search", "serviceId": 102},
                                      "payments": {"name": "Payments", "serviceId": 103},
                                      "widget": {"name": "Widget", "hookUrl": "%s"}},
                         "links": [%s]}
                        """.formatted(Neighbours.baseUrl(), whole, TestConfig.hookUrl(), links))));
    }

    private static String at(int minute) {
        return "2024-05-01T10:%02d:00.000+0000".formatted(minute);
    }

    private static JsonNode only() {
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
        return Neighbours.statusHub().incidents().get(0);
    }

    private static List<String> types(JsonNode incident) {
        List<String> types = new java.util.ArrayList<>();
        incident.get("incident_updates").forEach(u -> types.add(0, u.get("incident_type").asText()));
        return types;
    }

    private static JsonNode newest(JsonNode incident) {
        return incident.get("incident_updates").get(0);
    }

    @Test
    void threeAlarmsOfOneServiceShareOneIncidentThatGoesToMonitoringOnlyAtTheLastClear() {
        configure("\"group\": \"service\",", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");

        Lambda.invoke(Events.alarm("checkout-cpu", at(0))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
        Lambda.invoke(Events.alarm("checkout-latency", at(1))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        Lambda.invoke(Events.alarm("checkout-5xx", at(2))).statusCode(200);

        assertThat(Journal.creates()).isEqualTo(1);
        JsonNode incident = only();
        assertThat(incident.get("title").asText()).isEqualTo("Checkout: Service disruption");
        assertThat(newest(incident).get("body").asText()).startsWith("We are continuing to investigate.");
        assertThat(Journal.updateBodies().get(1).path("silent").asBoolean()).as("a join that changes nothing is silent")
                .isTrue();

        Lambda.invoke(Events.ok("checkout-cpu", at(0), at(10))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-latency", at(1), at(11))).statusCode(200);
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("investigating");
        assertThat(Journal.updateBodies().subList(2, 4)).as("a member's clear that changes nothing is silent")
                .allSatisfy(body -> assertThat(body.path("silent").asBoolean()).isTrue());
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");

        Lambda.invoke(Events.ok("checkout-5xx", at(2), at(12))).statusCode(200);
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void oneAlarmOnThreeServicesWithGroupAlertIsOneIncidentNamingThemAll() {
        configure("", """
                {"monitor": "ThreeServices", "services": ["checkout", "search", "payments"], "group": "alert"}""");

        Lambda.invoke(Events.alarm("ThreeServices", at(0))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created", "created")));

        JsonNode incident = only();
        assertThat(incident.get("title").asText()).isEqualTo("Checkout, Search and Payments: Service disruption");
        assertThat(incident.at("/incident_updates/0/service_statuses")).hasSize(3);
        assertThat(incident.at("/incident_updates/0/body").asText()).startsWith("We are investigating a disruption "
                + "to Checkout, Search and Payments");

        Lambda.invoke(Events.ok("ThreeServices", at(0), at(20))).statusCode(200);
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(List.of(CHECKOUT, SEARCH, PAYMENTS)).allSatisfy(id -> assertThat(Neighbours.statusHub()
                .pageStatus(id)).isEqualTo("up"));
    }

    @Test
    void aNamedGroupAcrossServicesJoinsLoudlyAndEachServiceRecoversOnItsOwn() {
        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"], "group": "payments"},
                {"monitor": "search-*", "services": ["search"], "group": "payments"}""");

        Lambda.invoke(Events.alarm("checkout-db", at(0))).statusCode(200);
        Lambda.invoke(Events.alarm("search-db", at(1))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        JsonNode joined = newest(only());
        assertThat(only().get("title").asText()).isEqualTo("Checkout and Search: Service disruption");
        assertThat(joined.get("body").asText()).startsWith("Since 2024-05-01 10:01 UTC, the issue has also been "
                + "affecting Search.");
        assertThat(Journal.updateBodies().get(0).has("silent")).as("a join that adds a service notifies").isFalse();

        Lambda.invoke(Events.ok("search-db", at(1), at(10))).statusCode(200);
        JsonNode recovered = newest(only());
        assertThat(recovered.get("incident_type").asText()).isEqualTo("investigating");
        assertThat(recovered.get("body").asText()).startsWith("Search has been operating normally since 2024-05-01 "
                + "10:10 UTC. We are still working on Checkout.");
        assertThat(recovered.get("service_statuses")).as("every service named").hasSize(2);
        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).isEqualTo("up");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");

        Lambda.invoke(Events.ok("checkout-db", at(0), at(20))).statusCode(200);
        assertThat(types(only())).containsExactly("investigating", "investigating", "investigating", "monitoring");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
    }

    @Test
    void aWarningAndACriticalAlertMoveTheServiceBetweenDegradedAndDownInsideOneIncident() {
        configure("\"group\": \"service\",", """
                {"monitor": "checkout-latency-warning", "services": ["checkout"], "status": "degraded-performance"},
                {"monitor": "checkout-latency-critical", "services": ["checkout"]}""");

        Lambda.invoke(Events.alarm("checkout-latency-warning", at(0))).statusCode(200);
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("degraded-performance");
        Lambda.invoke(Events.alarm("checkout-latency-critical", at(5))).statusCode(200);
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        assertThat(only().get("title").asText()).isEqualTo("Checkout: Service disruption");
        Lambda.invoke(Events.ok("checkout-latency-critical", at(5), at(8))).statusCode(200);
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("degraded-performance");
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("investigating");
    }

    @Test
    void aPersonsResolvedEndsTheSharedIncidentForEveryMember() {
        configure("\"group\": \"service\",", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");
        Lambda.invoke(Events.alarm("checkout-cpu", at(0))).statusCode(200);
        Lambda.invoke(Events.alarm("checkout-5xx", at(1))).statusCode(200);
        Neighbours.statusHub().personUpdates(only().get("id").asText(), "resolved", null);

        Lambda.invoke(Events.ok("checkout-cpu", at(0), at(10))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"));
        Lambda.invoke(Events.alarm("checkout-5xx", at(1))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"));
        assertThat(types(only())).endsWith("resolved");

        Lambda.invoke(Events.alarm("checkout-disk", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
        assertThat(Journal.creates()).isEqualTo(2);
    }

    @Test
    void anIntegrationUrlServiceKeepsOneIncidentPerAlertWhateverGroupSays() {
        configure("\"group\": \"service\",", """
                {"monitor": "widget-*", "services": ["widget"]}""");
        Lambda.invoke(Events.alarm("widget-a", at(0))).statusCode(200);
        Lambda.invoke(Events.alarm("widget-b", at(1))).statusCode(200);

        assertThat(Neighbours.statusHub().hookPosts()).hasSize(2);
    }

    /**
     * Two alarms of one group open at once in two environments: both create (their writes held until both have
     * decided). Whoever created the younger resolves it at once, saying it was opened twice, and joins the older.
     */
    @RepeatedTest(20)
    void twoMembersCreatingAtOnceConvergeToOneIncident() throws Exception {
        configure("\"group\": \"service\",", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");
        Neighbours.statusHub().gateWrites(2, body -> false, 5_000);

        var race = Lambda.atOnce(Events.alarm("checkout-cpu", at(0)), Events.alarm("checkout-5xx", at(0)));
        assertThat(race.there().failed()).as(race.there().body()).isFalse();

        assertThat(Journal.creates()).as("the race happened: both created").isEqualTo(2);
        List<JsonNode> incidents = Neighbours.statusHub().incidents();
        assertThat(incidents).filteredOn(i -> newest(i).get("incident_type").asText().equals("resolved"))
                .as("the younger resolved as opened twice").hasSize(1);
        JsonNode kept = incidents.stream().filter(i -> !newest(i).get("incident_type").asText().equals("resolved"))
                .findFirst().orElseThrow();
        assertThat(kept.get("id").asInt()).as("the older kept")
                .isLessThan(incidents.stream().mapToInt(i -> i.get("id").asInt()).max().orElseThrow());
        String refs = newest(kept).get("body").asText() + kept.toString();
        assertThat(kept.get("incident_updates").size()).as("the younger's member joined the older").isEqualTo(2);
        assertThat(refs).contains("sb3 g");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
    }

    /**
     * A member joins while the last member clears, in two environments, the join landing first: the clear's
     * Monitoring lands over it. Whoever wrote re-reads, and the incident ends Investigating with the joined member's
     * service down.
     */
    @RepeatedTest(20)
    void aJoinRacingTheLastClearEndsInvestigatingWithTheJoinedServiceDown() throws Exception {
        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"], "group": "payments"},
                {"monitor": "search-*", "services": ["search"], "group": "payments"}""");
        Lambda.invoke(Events.alarm("checkout-db", at(0))).statusCode(200);
        Neighbours.statusHub().gateWrites(2, body -> body.contains("\"monitoring\""), 5_000);

        var race = Lambda.atOnce(Events.ok("checkout-db", at(0), at(10)), Events.alarm("search-db", at(10)));
        assertThat(race.there().failed()).as("the join: " + race.there().body()).isFalse();

        List<String> types = types(only());
        assertThat(types).as("the race happened: the join landed, then the last clear's Monitoring")
                .containsSubsequence("investigating", "monitoring");
        assertThat(types.get(types.size() - 1)).isIn("investigating", "identified");
        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).isEqualTo("down");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
    }

    // Everything else keeps working per member.

    private static final java.time.format.DateTimeFormatter CLOUDWATCH = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(java.time.ZoneOffset.UTC);
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";

    private static java.time.Instant minutesAgo(long minutes) {
        return dev.alertbridge.support.MovableClock.now().minus(java.time.Duration.ofMinutes(minutes))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Test
    void aHeldMemberJoinsWhenItsHoldEndsAndALostJoinIsRepairedByTheReconciliation() {
        configure("\"group\": \"service\", \"holdDown\": \"5m\", \"reconcile\": {\"mode\": \"repair\"},", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");
        java.time.Instant cpu = minutesAgo(20);
        java.time.Instant latency = minutesAgo(1);
        java.time.Instant errors = minutesAgo(15);
        Neighbours.cloudWatch().alarm("checkout-cpu", "ALARM", cpu);
        Neighbours.cloudWatch().alarm("checkout-latency", "ALARM", latency);
        Neighbours.cloudWatch().alarm("checkout-5xx", "ALARM", errors); // its event was lost
        Lambda.invoke(Events.alarm("checkout-cpu", CLOUDWATCH.format(cpu))).statusCode(200)
                .body("alerts[0].services[0].result", is("created"));
        Lambda.invoke(Events.alarm("checkout-latency", CLOUDWATCH.format(latency))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"));

        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarm", is(List.of("checkout-5xx")));
        assertThat(only().get("incident_updates")).hasSize(2);

        dev.alertbridge.support.MovableClock.advance(java.time.Duration.ofMinutes(5));
        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarm", is(List.of("checkout-latency")));
        assertThat(only().get("incident_updates")).as("created, then two joins").hasSize(3);
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aMemberWhoseServicesAreAllInAMaintenanceDoesNotJoin() {
        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"], "group": "payments"},
                {"monitor": "search-*", "services": ["search"], "group": "payments"}""");
        Neighbours.statusHub().maintenance("Search index rebuild", minutesAgo(60), minutesAgo(-60), "services",
                SEARCH);
        Lambda.invoke(Events.alarm("checkout-db", at(0))).statusCode(200);

        Lambda.invoke(Events.alarm("search-db", at(1))).statusCode(200)
                .body("alerts[0].services[0].result", is("skipped"))
                .body("alerts[0].services[0].why", org.hamcrest.Matchers.containsString("maintenance"));
        assertThat(only().get("incident_updates")).hasSize(1);
        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).isEqualTo("up");
    }

    @Test
    void aMemberFiringAgainSoonAfterTheLastClearContinuesTheSharedIncident() {
        configure("\"group\": \"service\", \"reopenWithin\": \"30m\",", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");
        Lambda.invoke(Events.alarm("checkout-cpu", at(0))).statusCode(200);
        Lambda.invoke(Events.ok("checkout-cpu", at(0), at(10))).statusCode(200);
        Lambda.invoke(Events.alarm("checkout-cpu", at(20))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));

        assertThat(types(only())).containsExactly("investigating", "monitoring", "investigating");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        Lambda.invoke(Events.alarm("checkout-5xx", at(40))).statusCode(200);
        assertThat(Journal.creates()).as("another alarm joins the open incident").isEqualTo(1);
    }

    @Test
    void aMemberDeletedWhileInAlarmIsReleasedByTheReconciliationAndTheOthersStay() {
        configure("\"group\": \"service\", \"reconcile\": {\"mode\": \"repair\"},", """
                {"monitor": "checkout-*", "services": ["checkout"]}""");
        java.time.Instant opened = minutesAgo(30);
        // Another alarm of the account: what tells the run which account and region its incidents are of.
        Neighbours.cloudWatch().alarm("billing-queue", "OK", minutesAgo(600));
        for (String alarm : List.of("checkout-cpu", "checkout-asg")) {
            Neighbours.cloudWatch().alarm(alarm, "ALARM", opened);
            Lambda.invoke(Events.alarm(alarm, CLOUDWATCH.format(opened))).statusCode(200);
        }
        Neighbours.cloudWatch().delete("checkout-asg");
        // Past the grace a run gives an incident written a moment ago (an alarm just created may not be listed yet).
        dev.alertbridge.support.MovableClock.advance(java.time.Duration.ofMinutes(10));

        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarmState", is(List.of("deleted")));
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("investigating");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");

        Neighbours.cloudWatch().delete("checkout-cpu");
        dev.alertbridge.support.MovableClock.advance(java.time.Duration.ofMinutes(10));
        Lambda.invoke(RECONCILE).statusCode(200).body("found.alarmState", is(List.of("deleted")));
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
    }

    /** A link edited while its alert is open: the alert's clear still releases the service it joined under the old one. */
    @Test
    void aLinkEditedWhileAMemberIsOpenStillLetsItsClearReleaseWhatItHeld() {
        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"], "group": "payments"},
                {"monitor": "search-*", "services": ["search"], "group": "payments"}""");
        Lambda.invoke(Events.alarm("checkout-db", at(0))).statusCode(200);
        Lambda.invoke(Events.alarm("search-db", at(1))).statusCode(200);
        assertThat(only().get("title").asText()).isEqualTo("Checkout and Search: Service disruption");

        configure("", """
                {"monitor": "checkout-*", "services": ["checkout"], "group": "payments"},
                {"monitor": "search-*", "services": ["payments"], "group": "payments"}""");
        Lambda.invoke(Events.ok("search-db", at(1), at(10))).statusCode(200)
                .body("alerts[0].services.find { it.service == 'search' }.result", is("updated"));

        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).as("released though no link reaches it now")
                .isEqualTo("up");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("investigating");
        assertThat(newest(only()).get("service_statuses")).as("the clear adds no service it never held")
                .extracting(status -> status.get("service_id").asLong()).containsExactlyInAnyOrder(CHECKOUT, SEARCH);

        Lambda.invoke(Events.ok("checkout-db", at(0), at(20))).statusCode(200);
        assertThat(newest(only()).get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    /**
     * An alarm escalated to level 2 reaches a level-2 service too: it joins Checkout's incident and opens Search's;
     * its clear, which carries no level, releases both, and Checkout stays down for the alarm still open there.
     */
    @Test
    void anEscalatedMemberJoinsWithItsLevelsServicesAndItsClearReleasesThemAll() {
        configure("\"group\": \"service\",", """
                {"monitor": "checkout-*", "services": ["checkout"]},
                {"monitor": "DiskFull", "services": ["checkout"]},
                {"monitor": "DiskFull", "escalationLevel": 2, "services": ["search"]}""");
        Lambda.invoke(Events.alarm("checkout-cpu", "2019-10-02T17:00:40.989+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));

        Lambda.invoke(Events.load("eventbridge/level-2-alarm.json")).statusCode(200)
                .body("alerts[0].escalationLevel", is(2))
                .body("alerts[0].services.service", is(List.of("checkout", "search")))
                .body("alerts[0].services.result", is(List.of("updated", "created")));
        assertThat(Journal.creates()).as("Checkout's incident joined, Search's opened").isEqualTo(2);

        Lambda.invoke(Events.ok("DiskFull", "2019-10-02T17:04:40.989+0000", "2019-10-02T17:34:40.989+0000"))
                .statusCode(200).body("alerts[0].escalationLevel", is(1));
        assertThat(Neighbours.statusHub().pageStatus(SEARCH)).isEqualTo("up");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).as("checkout-cpu still holds it").isEqualTo("down");
        assertThat(newest(titled("Search: Service disruption")).get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(newest(titled("Checkout: Service disruption")).get("incident_type").asText())
                .isEqualTo("investigating");

        Lambda.invoke(Events.ok("checkout-cpu", "2019-10-02T17:00:40.989+0000", "2019-10-02T17:40:40.989+0000"))
                .statusCode(200);
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");
        assertThat(newest(titled("Checkout: Service disruption")).get("incident_type").asText())
                .isEqualTo("monitoring");
    }

    private static JsonNode titled(String title) {
        return Neighbours.statusHub().incidents().stream().filter(i -> i.get("title").asText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no incident titled " + title));
    }
}
