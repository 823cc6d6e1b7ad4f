package dev.alertbridge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Assertions on what reached StatusHub, read from WireMock's request journal. */
public final class Journal {
    private Journal() {
    }

    /** No incident created or updated, through the Management API or an integration URL. */
    public static void assertNoWrites() {
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/api/v3/.*")));
        Neighbours.wireMock().verify(0, postRequestedFor(urlMatching("/hooks/.*")));
    }

    /** StatusHub was not even asked: the event was refused before any lookup. */
    public static void assertStatusHubUntouched() {
        assertNoWrites();
        List<LoggedRequest> calls = Neighbours.wireMock().findAll(anyRequestedFor(urlMatching("/(api/v3|hooks)/.*")));
        assertThat(calls).as("requests to StatusHub").isEmpty();
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
}
