package dev.alertbridge.statushub;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

/**
 * The Management API's reads for a command run from a shell (the configuration check, explain), where the Quarkus
 * REST client cannot be built: it needs a running Quarkus application. The same requests go through the JAX-RS
 * client API that client is built on (RESTEasy Reactive's), with the key under the configured header and every
 * answer whole, errors included. A command from a shell only reads: writing is refused.
 */
final class ShellManagementApiClient implements ManagementApiClient, AutoCloseable {
    private final Client client;
    private final WebTarget hubs;

    ShellManagementApiClient(URI apiUrl, String apiKeyHeader, String apiKey, Duration timeout) {
        this.client = ClientBuilder.newBuilder().connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiKeyFilter(apiKeyHeader, apiKey)).build();
        this.hubs = client.target(apiUrl).path("hubs/{hub}");
    }

    @Override
    public CompletionStage<Response> list(String hub, String startTime, String endTime, Integer perPage,
            Integer page) {
        return get(page(hubs.path("incidents").resolveTemplate("hub", hub), startTime, endTime, perPage, page));
    }

    @Override
    public CompletionStage<Response> maintenances(String hub, String startTime, String endTime, Integer perPage,
            Integer page) {
        return get(page(hubs.path("maintenances").resolveTemplate("hub", hub), startTime, endTime, perPage, page));
    }

    @Override
    public CompletionStage<Response> get(String hub, String id) {
        return get(hubs.path("incidents/{id}").resolveTemplate("hub", hub).resolveTemplate("id", id));
    }

    @Override
    public CompletionStage<Response> services(String hub, Integer perPage) {
        return get(query(hubs.path("services").resolveTemplate("hub", hub), "per_page", perPage));
    }

    @Override
    public CompletionStage<Response> create(String hub, IncidentWrite incident) {
        throw new UnsupportedOperationException("a command from a shell only reads StatusHub");
    }

    @Override
    public CompletionStage<Response> addUpdate(String hub, String id, IncidentWrite update) {
        throw new UnsupportedOperationException("a command from a shell only reads StatusHub");
    }

    @Override
    public void close() {
        client.close();
    }

    private static CompletionStage<Response> get(WebTarget target) {
        return target.request().rx().get();
    }

    /** The list's time filter and paging; a null is left out, as the REST client leaves it out. */
    private static WebTarget page(WebTarget target, String startTime, String endTime, Integer perPage, Integer page) {
        return query(query(query(query(target, "start_time", startTime), "end_time", endTime), "per_page", perPage),
                "page", page);
    }

    private static WebTarget query(WebTarget target, String name, Object value) {
        return value == null ? target : target.queryParam(name, value);
    }
}
