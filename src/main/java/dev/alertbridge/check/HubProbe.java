package dev.alertbridge.check;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.statushub.HubJson;
import dev.alertbridge.statushub.ManagementApiClient;
import dev.alertbridge.statushub.StatusHubCalls;
import dev.alertbridge.statushub.StatusHubClients;
import dev.alertbridge.transition.HubMaintenance;

/**
 * Asks StatusHub, read-only, what the configuration check needs: does the key work on the hub, which service ids
 * does the hub have. The requests are the function's own ({@link ManagementApiClient}, built by
 * {@link StatusHubClients}), so the check asks exactly as an event would; it needs no running function.
 */
public class HubProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** An answer that never came: StatusHub could not be reached. */
    private static final StatusHubCalls.Answer NO_ANSWER = new StatusHubCalls.Answer(0, "", null, null);

    private final ObjectMapper json;
    private final String apiKeyHeader;
    private final StatusHubClients clients;

    public HubProbe(ObjectMapper json, String apiKeyHeader) {
        this(json, apiKeyHeader, StatusHubClients.closingEachConnection(TIMEOUT));
    }

    private HubProbe(ObjectMapper json, String apiKeyHeader, StatusHubClients clients) {
        this.json = json;
        this.apiKeyHeader = apiKeyHeader;
        this.clients = clients;
    }

    /** The probe of the check run from a shell, where the Quarkus REST client cannot be built. */
    public static HubProbe fromShell(ObjectMapper json, String apiKeyHeader) {
        return new HubProbe(json, apiKeyHeader, StatusHubClients.fromShell(TIMEOUT));
    }

    /** One incident of the hub: a 2xx means the key may read the hub; status 0 when StatusHub could not be reached. */
    public StatusHubCalls.Answer hub(StatusHubAccount account) {
        return send(account, api -> api.list(account.hub(), null, null, 1, 1));
    }

    /** The hub's service ids, when StatusHub lists them; empty when it does not answer that list. */
    public Optional<Set<Long>> serviceIds(StatusHubAccount account) {
        StatusHubCalls.Answer answer = send(account, api -> api.services(account.hub(), 100));
        if (!answer.ok()) {
            return Optional.empty();
        }
        try {
            JsonNode root = json.readTree(answer.body());
            JsonNode items = root.isArray() ? root : root.path("data");
            Set<Long> ids = new HashSet<>();
            items.forEach(item -> ids.add(item.path("id").asLong(-1)));
            return Optional.of(ids);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The maintenances in progress now, read as an event reads them; empty when the hub does not list them. */
    public Optional<List<HubMaintenance>> maintenancesNow(StatusHubAccount account, Instant now) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        StatusHubCalls.Answer answer = send(account, api -> api.maintenances(account.hub(), at, at, 100, 1));
        if (!answer.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HubJson.maintenances(json.readTree(answer.body())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private StatusHubCalls.Answer send(StatusHubAccount account,
            Function<ManagementApiClient, CompletionStage<Response>> call) {
        ManagementApiClient api = clients.managementApi(account.apiUrl(), apiKeyHeader,
                account.apiKey());
        try (Response response = call.apply(api).toCompletableFuture().get(TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS)) {
            return new StatusHubCalls.Answer(response.getStatus(),
                    response.hasEntity() ? response.readEntity(String.class) : "", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        } catch (Exception e) {
            // Unreachable, refused, timed out: the check says "no answer", never the client's message (it names URLs).
            return NO_ANSWER;
        } finally {
            StatusHubClients.close(api);
        }
    }
}
