package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import dev.alertbridge.transition.LegacyMark;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lives real alerts lead over hours, against a hub that has a history: the page must stay true through every
 * one. One open incident per alert and service; a service stays down while any alert on it is open; a clear ends
 * what its alert opened, whatever the episode or level.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class RealAlertLifecyclesTest {
    private static final String INSTANCE_DIES = "lifecycle/instance-dies/";

    @BeforeEach
    void aTeamsLinks() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN), teamsLinks()));
    }

    private static Parameter teamsLinks() {
        return new Parameter(ParameterStore.PATH + "links", "String", """
                {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                 "services": {"checkout": {"name": "Checkout", "serviceId": 101},
                              "search":   {"name": "Search",   "serviceId": 102},
                              "payments": {"name": "Payments", "serviceId": 103}},
                 "links": [
                   {"monitor": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly",
                    "services": ["checkout"]},
                   {"monitor": "checkout-5xx", "services": ["checkout"]},
                   {"monitor": "checkout-latency-*", "status": "degraded-performance", "services": ["checkout"]},
                   {"monitor": "Search-*", "services": ["search"]},
                   {"monitor": "checkout-composite", "services": ["checkout"]},
                   {"monitor": "DiskFull", "escalationLevel": 2, "services": ["payments"]},
                   {"monitor": "EXAMPLE", "source": "cloudwatch", "services": ["search"]},
                   {"monitor": "HighErrorRate", "source": "alertmanager", "services": ["checkout"]},
                   {"monitor": "CPU > 90%% & rising", "source": "grafana", "services": ["search"]}
                 ]}
                """.formatted(Neighbours.baseUrl()));
    }

    @Test
    void anInstanceThatDiesOpensOneIncidentAndItsOkClearsIt() {
        Lambda.invoke(Events.load(INSTANCE_DIES + "1-alarm.json")).statusCode(200)
                .body("alerts[0].monitor", is("EC2 CPU Utilization Anomaly"))
                .body("alerts[0].services.result", is(List.of("created")));
        String incident = onlyIncident().get("id").asText();

        Lambda.invoke(Events.load(INSTANCE_DIES + "2-insufficient-data.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        Lambda.invoke(Events.load(INSTANCE_DIES + "3-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")))
                .body("alerts[0].services[0].why", is("incident " + incident + " already open"));
        Lambda.invoke(Events.load(INSTANCE_DIES + "4-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated")))
                .body("alerts[0].services[0].incidentId", is(incident));

        assertThat(Journal.creates()).isEqualTo(1);
        JsonNode newest = onlyIncident().at("/incident_updates/0");
        assertThat(newest.get("incident_type").asText()).isEqualTo("monitoring");
        assertThat(newest.at("/service_statuses/0/status").asText()).isEqualTo("up");
    }

    @Test
    void twoAlarmsOnOneServiceKeepItDownUntilTheLastClears() {
        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-02T08:00:00.000+0000")).statusCode(200);
        Lambda.invoke(Events.alarm("checkout-latency-p99", "2024-07-02T08:05:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        // A latency alarm degrades; it never lowers what the 5xx alarm set.
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"start_time": "2024-07-02T08:05:00Z",
                         "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));
        String fiveXx = incidentStarted("2024-07-02T08:00:00Z");
        String latency = incidentStarted("2024-07-02T08:05:00Z");

        Lambda.invoke(Events.ok("checkout-5xx", "2024-07-02T08:00:00.000+0000", "2024-07-02T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("updated")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + fiveXx
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"incident_type": "monitoring",
                         "service_statuses": [{"service_id": 101, "status": "degraded-performance"}]}
                        """, true, true)).withRequestBody(WireMock.containing(
                        "Checkout is still affected by another ongoing incident")));

        Lambda.invoke(Events.ok("checkout-latency-p99", "2024-07-02T08:05:00.000+0000",
                "2024-07-02T08:40:00.000+0000")).statusCode(200);
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + latency
                + "/incident_updates")).withRequestBody(equalToJson("""
                        {"incident_type": "monitoring", "service_statuses": [{"service_id": 101, "status": "up"}]}
                        """, true, true)));
    }

    @Test
    void aLatencyAlarmAloneDegradesTheService() {
        Lambda.invoke(Events.alarm("checkout-latency-p99", "2024-07-03T08:05:00.000+0000")).statusCode(200);
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withRequestBody(equalToJson("""
                        {"incident_type": "investigating",
                         "service_statuses": [{"service_id": 101, "status": "degraded-performance"}]}
                        """, true, true)));
    }

    @Test
    void twoInstancesOfOneAlertmanagerRuleAreTwoAlertsOnTheService() {
        Answer firing = FunctionUrl.post("/alertmanager", Events.load("lifecycle/two-instances/1-both-firing.json"));
        assertThat(firing.services(0, "result")).containsExactly("created");
        assertThat(firing.services(1, "result")).containsExactly("created");

        Answer first = FunctionUrl.post("/alertmanager",
                Events.load("lifecycle/two-instances/2-first-resolved.json"));
        assertThat(first.services(0, "result")).containsExactly("updated");
        assertThat(first.services(1, "result")).containsExactly("unchanged");
        Neighbours.wireMock().verify(1, postRequestedFor(WireMock.urlMatching(".*/incident_updates"))
                .withRequestBody(equalToJson("""
                        {"incident_type": "monitoring", "service_statuses": [{"service_id": 101, "status": "down"}]}
                        """, true, true)));

        Answer second = FunctionUrl.post("/alertmanager",
                Events.load("lifecycle/two-instances/3-second-resolved.json"));
        assertThat(second.services(0, "result")).containsExactly("updated");
        Neighbours.wireMock().verify(1, postRequestedFor(WireMock.urlMatching(".*/incident_updates"))
                .withRequestBody(equalToJson("""
                        {"incident_type": "monitoring", "service_statuses": [{"service_id": 101, "status": "up"}]}
                        """, true, true)));
        assertThat(Journal.creates()).isEqualTo(2);
    }

    /** 300 incidents of history, oldest first, 25 a page, a server that ignores the time filter and sends no Link. */
    @Test
    void aHubWithYearsOfHistoryStillFindsTheAlarmsIncident() {
        Neighbours.statusHub().history(300, 101);
        Neighbours.statusHub().pageAt(25, false);
        Neighbours.statusHub().ignoreTimeFilter();

        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-04T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-04T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        Lambda.invoke(Events.ok("checkout-5xx", "2024-07-04T08:00:00.000+0000", "2024-07-04T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("updated")));

        assertThat(Journal.creates()).isEqualTo(1);
        // Every page of the 301 incidents was read on each of the three events (13 pages, the last not full).
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))
                .withQueryParam("page", WireMock.equalTo("13")))).hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * Years of history behind a server that caps pages at 40 (neither the 100 asked for nor its documented 25) and
     * says where the next page is only in a Link header, sent apart from the one naming the last page.
     */
    @Test
    void aHubPagedOnlyByLinkHeadersIsReadToItsLastPage() {
        Neighbours.statusHub().history(300, 101);
        Neighbours.statusHub().pageAt(40, true);
        Neighbours.statusHub().ignoreTimeFilter();

        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-06T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-06T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        Lambda.invoke(Events.ok("checkout-5xx", "2024-07-06T08:00:00.000+0000", "2024-07-06T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("updated")));

        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))
                .withQueryParam("page", WireMock.equalTo("8")))).hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * Years of history behind a server that caps pages at 40 whatever is asked and sends no Link header: a page of 40
     * is short of the 100 asked for, yet more follow.
     */
    @Test
    void aHubCappedBelowWhatIsAskedWithoutLinkHeadersIsReadToItsLastPage() {
        Neighbours.statusHub().history(300, 101);
        Neighbours.statusHub().pageAt(40, false);
        Neighbours.statusHub().ignoreTimeFilter();

        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-07T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-07T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged")));
        Lambda.invoke(Events.ok("checkout-5xx", "2024-07-07T08:00:00.000+0000", "2024-07-07T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("updated")));

        assertThat(Journal.creates()).isEqualTo(1);
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))
                .withQueryParam("page", WireMock.equalTo("8")))).hasSizeGreaterThanOrEqualTo(3);
    }

    /** The same hub behind a server that honours the time filter and pages with Link headers. */
    @Test
    void aHubWithHistoryIsReadThroughItsTimeFilterAndLinkHeaders() {
        Neighbours.statusHub().history(300, 101);
        for (int i = 0; i < 30; i++) { // people's own incidents, still open
            Neighbours.statusHub().seed("Maintenance " + i, "2024-07-0" + (1 + i % 9) + "T06:00:00+0000",
                    "identified", "Ongoing work.", 102, "degraded-performance");
        }
        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-05T08:00:00.000+0000")).statusCode(200);
        Lambda.invoke(Events.ok("checkout-5xx", "2024-07-05T08:00:00.000+0000", "2024-07-05T08:30:00.000+0000"))
                .statusCode(200).body("alerts[0].services.result", is(List.of("updated")));
        List<String> pages = Neighbours.wireMock().findAll(getRequestedFor(
                urlPathEqualTo("/api/v3/hubs/acme/incidents"))).stream().map(r -> r.queryParameter("page")
                        .firstValue())
                .toList();
        assertThat(pages).contains("1", "2").doesNotContain("3");
        assertThat(Neighbours.wireMock().findAll(getRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))))
                .allSatisfy(r -> assertThat(r.queryParameter("start_time").isPresent()).isTrue());
    }

    @Test
    void aListedIncidentThatCannotBeReadIsLeftOutNotFatal() {
        String gone = Neighbours.statusHub().seed("Deleted meanwhile", "2024-07-06T06:00:00Z", "investigating",
                "x", 101, "down");
        Neighbours.wireMock().stubFor(get(urlEqualTo("/api/v3/hubs/acme/incidents/" + gone)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Not found\"}")));

        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-06T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
    }

    @Test
    void aListThatCannotBeReadWholeFailsTheEventAndWritesNothing() {
        Neighbours.statusHub().history(40, 101);
        Neighbours.statusHub().ignoreTimeFilter();
        Neighbours.wireMock().stubFor(get(urlPathEqualTo("/api/v3/hubs/acme/incidents"))
                .withQueryParam("page", WireMock.equalTo("2")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));

        Lambda.invoke(Events.alarm("checkout-5xx", "2024-07-07T08:00:00.000+0000")).statusCode(500)
                .body("errorMessage", containsString("retry the event"));
        Journal.assertNoWrites();
    }

    @Test
    void aWildcardAnywhereInTheLinkMatchesIgnoringCase() {
        Lambda.invoke(Events.alarm("search-api-5xx", "2024-07-08T08:00:00.000+0000")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("search")))
                .body("alerts[0].services.result", is(List.of("created")));
    }

    @Test
    void aGrafanaRuleNamedAsPeopleTypeReachesThePageReadableAndWithoutMarkupWhenATemplateAsksForIt() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN), teamsLinks(),
                new Parameter(ParameterStore.PATH + "publish", "String", "{\"publish\": {\"title\": \"{alert}\"}}")));
        Answer answer = FunctionUrl.post("/grafana", Events.load("lifecycle/grafana-names/1-firing.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
        JsonNode incident = Neighbours.statusHub().incidents().get(0);
        assertThat(incident.get("title").asText()).as("the rule's name, not its summary")
                .isEqualTo("CPU › 90% & rising");
        assertThat(incident.toString()).doesNotContain("<b>", "web-1");
    }

    @Test
    void withTheBuiltInTextsARulesNameNeverReachesThePage() {
        Answer answer = FunctionUrl.post("/grafana", Events.load("lifecycle/grafana-names/1-firing.json"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode incident = Neighbours.statusHub().incidents().get(0);
        assertThat(incident.get("title").asText()).endsWith(": Service disruption");
        assertThat(incident.toString()).doesNotContain("CPU", "web-1");
    }

    @Test
    void anAlarmToAlarmUpdateOfACompositeAlarmContinuesItsIncident() {
        Lambda.invoke(Events.load("eventbridge/composite-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created")));
        Lambda.invoke(Events.load("eventbridge/composite-alarm-update.json")).statusCode(200)
                .body("alerts[0].state", is("open"))
                .body("alerts[0].services.result", is(List.of("unchanged")));
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aClearWithoutTheEscalationTagEndsWhatTheLevel2AlarmOpened() {
        Lambda.invoke(Events.load("eventbridge/level-2-alarm.json")).statusCode(200)
                .body("alerts[0].services.service", is(List.of("payments")));
        Lambda.invoke(Events.ok("DiskFull", "2019-10-02T17:04:40.989+0000", "2019-10-02T17:34:40.989+0000"))
                .statusCode(200).body("alerts[0].escalationLevel", is(1))
                .body("alerts[0].services.service", is(List.of("payments")))
                .body("alerts[0].services.result", is(List.of("updated")));
    }

    /**
     * An earlier version of the bridge opened one incident per episode (and marked them by the alarm's name and the
     * service's key): an SNS OK, which names no episode, ends both.
     */
    @Test
    void anSnsOkEndsEveryEpisodeOfTheAlarmStillOpen() {
        ServiceTarget search = ServiceTarget.viaApi("search", "Search", 102L);
        for (String opened : List.of("2015-06-03T16:00:00Z", "2015-06-03T17:43:27Z")) {
            Alert episode = new Alert(AlertSource.CLOUDWATCH, List.of("EXAMPLE"), "ignored", 1, AlertState.OPEN,
                    "arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE@" + opened, Instant.parse(opened),
                    Instant.parse(opened), "EXAMPLE", "", false, false, false, null);
            Neighbours.statusHub().seed("EXAMPLE", opened, "investigating", "We are investigating.\n\nReference: "
                    + LegacyMark.byName(episode, search.id()).orElseThrow().text(), 102, "down");
        }

        Lambda.invoke(Events.load("sns/2-ok.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("updated", "updated")));
        assertThat(Neighbours.statusHub().incidents()).allSatisfy(i -> assertThat(
                i.at("/incident_updates/0/incident_type").asText()).isEqualTo("monitoring"));
    }

    private static JsonNode onlyIncident() {
        assertThat(Neighbours.statusHub().incidents()).hasSize(1);
        return Neighbours.statusHub().incidents().get(0);
    }

    private static String incidentStarted(String startTime) {
        return Neighbours.statusHub().incidents().stream().filter(i -> i.get("start_time").asText().equals(startTime))
                .map(i -> i.get("id").asText()).findFirst().orElseThrow();
    }
}
