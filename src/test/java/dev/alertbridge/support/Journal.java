package dev.alertbridge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Assertions on what reached StatusHub, read from WireMock's request journal. */
public final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Journal() {
    }

    /** No incident created or updated, through the Management API or an integration URL. */
    public static void assertNoWrites() {
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/api/v3/.*")));
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/hooks/.*")));
    }

    /** Nothing a write would leave is in StatusHub: no incident, no integration-URL post. */
    public static void assertNoWritesLanded() {
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
        assertThat(Neighbours.statusHub().hookPosts()).isEmpty();
    }

    /** StatusHub was not even asked: the event was refused before any lookup. */
    public static void assertStatusHubUntouched() {
        assertNoWrites();
        List<LoggedRequest> calls = Neighbours.wireMock().findAll(anyRequestedFor(urlMatching("/(api/v3|hooks)/.*")));
        assertThat(calls).as("requests to StatusHub").isEmpty();
    }

    /** StatusHub received the create of an incident titled so, started then, taking this service down. */
    public static void verifyCreated(long serviceId, String title, String startTime) {
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))
                .withHeader("X-API-KEY", com.github.tomakehurst.wiremock.client.WireMock.equalTo(TestConfig.API_KEY))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("json"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("""
                        {"title": "%s", "start_time": "%s", "incident_type": "investigating",
                         "body": "${json-unit.any-string}",
                         "service_statuses": [{"service_id": %d, "status": "down"}]}
                        """.formatted(title, startTime, serviceId))));
    }

    /** StatusHub received the update moving this incident to Monitoring, with the service at this status. */
    public static void verifyMonitoring(String incidentId, long serviceId, String status) {
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/" + incidentId
                + "/incident_updates")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("""
                        {"incident_type": "monitoring", "service_statuses": [{"service_id": %d, "status": "%s"}]}
                        """.formatted(serviceId, status), true, true)));
    }

    /** Incidents created through the Management API. */
    public static int creates() {
        return Neighbours.wireMock().findAll(postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents"))).size();
    }

    /** Updates added through the Management API, to any incident. */
    public static int updates() {
        return Neighbours.wireMock()
                .findAll(postRequestedFor(urlMatching("/api/v3/hubs/acme/incidents/[^/]+/incident_updates"))).size();
    }

    /** The bodies of the incidents created through the Management API, in the order they were sent. */
    public static List<JsonNode> createBodies() {
        return bodies(Neighbours.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v3/hubs/acme/incidents"))));
    }

    /** The bodies of the updates added through the Management API, in the order they were sent. */
    public static List<JsonNode> updateBodies() {
        return bodies(Neighbours.wireMock()
                .findAll(postRequestedFor(urlMatching("/api/v3/hubs/acme/incidents/[^/]+/incident_updates"))));
    }

    private static List<JsonNode> bodies(List<LoggedRequest> requests) {
        return requests.stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
