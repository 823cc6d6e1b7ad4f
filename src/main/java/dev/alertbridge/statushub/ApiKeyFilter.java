package dev.alertbridge.statushub;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds the Management API key under the configured header name (StatusHub has not confirmed the name). */
final class ApiKeyFilter implements ClientRequestFilter {
    private final String header;
    private final String apiKey;

    ApiKeyFilter(String header, String apiKey) {
        this.header = header;
        this.apiKey = apiKey;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(header, apiKey);
    }

    @Override
    public String toString() {
        return "ApiKeyFilter[" + header + "]";
    }
}
