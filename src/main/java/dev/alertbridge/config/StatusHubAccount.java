package dev.alertbridge.config;

import java.net.URI;

/**
 * The Management API account services with a {@code serviceId} are reached through.
 *
 * @param apiUrl base URL, e.g. {@code https://acme.app.statushub.io/api/v3}
 * @param apiKey the management API key (secret)
 * @param hub the hub's subdomain
 */
public record StatusHubAccount(URI apiUrl, String apiKey, String hub) {
    /** Whether the API is on this machine's loopback interface (a local stand-in, never StatusHub). */
    public boolean onLoopback() {
        return apiUrl.getHost() != null && DocumentFields.isLoopback(apiUrl.getHost());
    }

    @Override
    public String toString() {
        return "StatusHubAccount[apiUrl=" + Redaction.url(apiUrl) + ", hub=" + hub + ", apiKey=***]";
    }
}
