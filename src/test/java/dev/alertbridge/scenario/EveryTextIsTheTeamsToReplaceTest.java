package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.StatusHubStandIn;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every text the bridge writes has a name and may be replaced by a template of that name; none states what its own
 * update contradicts. Each team template here starts with its name, so the page shows which one was written.
 * Corrections and duplicates come from writes of two execution environments landing in a bad order, made to
 * happen as in {@link PageConvergesTest} and {@link ConcurrentDeliveryTest}.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class EveryTextIsTheTeamsToReplaceTest {
    private static final long CHECKOUT = 101;
    /** One template per name, each saying which it is and what it was given. */
    private static final String EVERY_TEMPLATE = """
            {"title": "[title] {service}: {status}",
             "open": "[open] {service}: {status} since {since}",
             "reopen": "[reopen] {service}: {status} again since {since}",
             "clear": "[clear] {service}: {status} since {at}",
             "stillAffected": "[stillAffected] {service}: {status}, see {incident}",
             "corrected": "[corrected] {service}: {status}",
             "duplicate": "[duplicate] {service}: {status}",
             "joined": "[joined] {service}: {status}",
             "recovered": "[recovered] {service}: {status}, still {others}"}""";

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /** The test configuration's services and links, with this {@code publish} block and these extra links. */
    private static void configure(String publish, String extraLinks) {
        String links = TestConfig.linksDocument().replaceFirst("\\{", "{\"publish\": " + publish + ",");
        if (extraLinks != null) {
            links = links.replaceFirst("\"links\": \\[", "\"links\": [" + extraLinks + ",");
        }
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", links)));
    }

    private static JsonNode incidentTitled(String title) {
        return Neighbours.statusHub().incidents().stream().filter(i -> i.get("title").asText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no incident titled " + title + ": "
                        + Neighbours.statusHub().incidents()));
    }

    private static String newestBody(JsonNode incident) {
        return incident.at("/incident_updates/0/body").asText();
    }

    /** CloudWatch's time format, {@code minutes} after three hours ago (a flap is found among recent incidents). */
    private static String at(Instant t0, long minutes) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC)
                .format(t0.plus(Duration.ofMinutes(minutes)));
    }

    /** The same time as the page's iso dates write it. */
    private static String page(Instant t0, long minutes) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(t0.plus(Duration.ofMinutes(minutes)));
    }

    /**
     * An alarm opens, clears, fires again within {@code reopenWithin}, a second alarm degrades Checkout meanwhile,
     * and the first clears again while the second holds Checkout: title, open, clear, reopen and stillAffected.
     */
    @Test
    void anIncidentsLifeReadsTheTeamsTemplateOfEachNameAndEveryStatusIsTheOneItsUpdateSets() {
        configure(EVERY_TEMPLATE, """
                {"monitor": "checkout-5xx", "services": ["checkout"], "reopenWithin": "30m"},
                {"monitor": "checkout-latency", "status": "degraded-performance", "services": ["checkout"],
                 "publish": {"title": "[title] {service} slow"}}""");
        Instant t0 = MovableClock.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);

        Lambda.invoke(Events.alarm("checkout-5xx", at(t0, 0))).statusCode(200);
        JsonNode incident = incidentTitled("[title] Checkout: Service disruption");
        assertThat(newestBody(incident)).startsWith("[open] Checkout: Service disruption since " + page(t0, 0)
                + "\n\nRef. ");

        Lambda.invoke(Events.ok("checkout-5xx", at(t0, 0), at(t0, 10))).statusCode(200);
        assertThat(newestBody(incidentTitled("[title] Checkout: Service disruption"))).startsWith(
                "[clear] Checkout: Operating normally since " + page(t0, 10) + "\n\nRef. ");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("up");

        Lambda.invoke(Events.alarm("checkout-5xx", at(t0, 20))).statusCode(200)
                .body("alerts[0].services[0].result", is("updated"));
        assertThat(newestBody(incidentTitled("[title] Checkout: Service disruption"))).startsWith(
                "[reopen] Checkout: Service disruption again since " + page(t0, 20) + "\n\nRef. ");

        Lambda.invoke(Events.alarm("checkout-latency", at(t0, 25))).statusCode(200);
        assertThat(newestBody(incidentTitled("[title] Checkout slow"))).as("the open of an alert that degrades, "
                + "while another holds the service down").startsWith("[open] Checkout: Service disruption since "
                        + page(t0, 25) + "\n\nRef. ");

        Lambda.invoke(Events.ok("checkout-5xx", at(t0, 20), at(t0, 30))).statusCode(200);
        assertThat(newestBody(incidentTitled("[title] Checkout: Service disruption"))).startsWith(
                "[stillAffected] Checkout: Degraded performance, see [title] Checkout slow\n\nRef. ");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("degraded-performance");
    }

    /** Two environments handle one alarm at once and both create: the younger copy is resolved with the note. */
    @Test
    void theNoteOnAnIncidentOpenedTwiceIsTheTeamsDuplicate() throws Exception {
        configure(EVERY_TEMPLATE, null);
        Neighbours.wireMock().stubFor(get(urlPathEqualTo("/api/v3/hubs/acme/incidents")).atPriority(1)
                .willReturn(aResponse().withTransformers(StatusHubStandIn.NAME).withFixedDelay(500)));
        String event = Events.alarm("checkout-composite", "2024-04-01T10:00:00.000+0000");

        var race = Lambda.atOnce(event, event);
        assertThat(race.there().failed()).as(race.there().body()).isFalse();

        assertThat(Neighbours.statusHub().incidents()).as("the race happened: both created").hasSize(2);
        assertThat(Neighbours.statusHub().incidents()).filteredOn(i -> i.at("/incident_updates/0/incident_type")
                .asText().equals("resolved")).singleElement().satisfies(duplicate -> assertThat(newestBody(duplicate))
                        .startsWith("[duplicate] Checkout: Service disruption\n\nRef. "));
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
    }

    /**
     * Two alarms share Checkout and Search; their OKs run at once in two environments, each deciding while the
     * other's incident is still open: the one whose write lands last corrects the services to up with the team's
     * {@code corrected}.
     */
    @Test
    void aCorrectionToUpReadsTheTeamsCorrected() throws Exception {
        configure(EVERY_TEMPLATE, null);
        String cpuOpened = "2024-05-01T10:00:00.000+0000";
        String threeOpened = "2024-05-01T10:01:00.000+0000";
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", cpuOpened)).statusCode(200);
        Lambda.invoke(Events.alarm("ThreeServices", threeOpened)).statusCode(200);
        Neighbours.statusHub().gateWrites(5, body -> false, 5_000);

        var race = Lambda.atOnce(Events.ok("ServerCpuTooHigh", cpuOpened, "2024-05-01T10:30:00.000+0000"),
                Events.ok("ThreeServices", threeOpened, "2024-05-01T10:30:00.000+0000"));
        String reports = race.here() + race.there().body();

        assertThat(reports).as("the race happened: a clear saw the other still open").contains("corrected to up");
        List<String> newest = Neighbours.statusHub().incidents().stream()
                .map(EveryTextIsTheTeamsToReplaceTest::newestBody).toList();
        assertThat(newest).anySatisfy(body -> assertThat(body).matches("(?s)\\[corrected] (Checkout|Search): "
                + "Operating normally\n\nRef\\. .*"));
        assertThat(newest).noneSatisfy(body -> assertThat(body).startsWith("[stillAffected]"));
        assertThat(List.of(101L, 102L, 103L)).allSatisfy(id -> assertThat(Neighbours.statusHub().pageStatus(id))
                .isEqualTo("up"));
    }

    /**
     * The team's clear says the service works again. Alarm A's OK and alarm B's ALARM on Checkout run at once in two
     * environments; A's clear (written with the team's clear: nothing else was open when it decided) lands after B's
     * create, and the correction that puts Checkout back down says it is still affected, naming B's incident,
     * never the team's "operating normally".
     */
    @Test
    void aCorrectionToDownUnderATeamsClearSaysTheServiceIsStillAffected() throws Exception {
        configure("""
                {"language": "fr", "clear": "Le service {service} fonctionne de nouveau normalement depuis le {at}."}
                """, null);
        String cpuOpened = "2024-05-01T10:00:00.000+0000";
        Lambda.invoke(Events.alarm("ServerCpuTooHigh", cpuOpened)).statusCode(200);
        String clearedIncident = Neighbours.statusHub().incidents().stream()
                .filter(i -> i.at("/incident_updates/0/service_statuses/0/service_id").asLong() == CHECKOUT)
                .findFirst().orElseThrow().get("id").asText();
        Neighbours.statusHub().gateWrites(3, body -> body.contains("\"monitoring\""), 5_000);

        var race = Lambda.atOnce(Events.ok("ServerCpuTooHigh", cpuOpened, "2024-05-01T10:30:00.000+0000"),
                Events.alarm("checkout-composite", "2024-05-01T10:29:59.000+0000"));
        String report = race.here();
        assertThat(race.there().failed()).as("the open: " + race.there().body()).isFalse();

        assertThat(report).as("the race happened").contains("corrected to down");
        JsonNode cleared = Neighbours.statusHub().incidents().stream()
                .filter(i -> i.get("id").asText().equals(clearedIncident)).findFirst().orElseThrow();
        JsonNode correction = cleared.at("/incident_updates/0");
        assertThat(correction.at("/service_statuses/0/status").asText()).isEqualTo("down");
        assertThat(correction.get("body").asText()).startsWith("Le service Checkout reste concerné par un autre "
                + "incident en cours, «\u202FCheckout\u202F: perturbation du service\u202F»\u202F: consultez-le pour "
                + "suivre son évolution.\n\nRéf. ").doesNotContain("normalement");
        assertThat(cleared.at("/incident_updates/1/body").asText()).as("the clear, decided while nothing else was "
                + "open").startsWith("Le service Checkout fonctionne de nouveau normalement");
        assertThat(Neighbours.statusHub().pageStatus(CHECKOUT)).isEqualTo("down");
    }
}
