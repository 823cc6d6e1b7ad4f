package dev.alertbridge.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.config.StatusHubAccount;

/**
 * Asks StatusHub, read-only, what the configuration check needs: does the key work on the hub, which service ids
 * does the hub have. The JDK's HTTP client: the check runs as a command too, outside the function.
 */
public class HubProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;
    private final String apiKeyHeader;

    public HubProbe(ObjectMapper json, String apiKeyHeader) {
        this.json = json;
        this.apiKeyHeader = apiKeyHeader;
    }

    /** An answer: its HTTP status (0 when StatusHub could not be reached) and body. */
    public record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** One incident of the hub: a 2xx means the key may read the hub. */
    public Answer hub(StatusHubAccount account) {
        return get(account, "/hubs/" + account.hub() + "/incidents?per_page=1&page=1");
    }

    /** The hub's service ids, when StatusHub lists them; empty when it does not answer that list. */
    public Optional<Set<Long>> serviceIds(StatusHubAccount account) {
        Answer answer = get(account, "/hubs/" + account.hub() + "/services?per_page=100");
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

    Answer get(StatusHubAccount account, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(account.apiUrl().toString().replaceAll("/+$", "")
                    + path)).timeout(TIMEOUT).header(apiKeyHeader, account.apiKey())
                    .header("Accept", "application/json").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "");
        }
    }
}
