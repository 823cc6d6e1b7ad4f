package dev.alertbridge.check;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.statushub.HubHttp;
import dev.alertbridge.statushub.HubRequest;
import dev.alertbridge.statushub.StatusHubApi;

/**
 * Asks StatusHub, read-only, what the configuration check needs: does the key work on the hub, which service ids
 * does the hub have. The requests are the function's own ({@link StatusHubApi}, sent by {@link HubHttp}), so the
 * check asks exactly as an event would; it needs no running function and works as a command too.
 */
public class HubProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** An answer that never came: StatusHub could not be reached. */
    private static final HubHttp.Answer NO_ANSWER = new HubHttp.Answer(0, "", null, null);

    private final ObjectMapper json;
    private final String apiKeyHeader;

    public HubProbe(ObjectMapper json, String apiKeyHeader) {
        this.json = json;
        this.apiKeyHeader = apiKeyHeader;
    }

    /** One incident of the hub: a 2xx means the key may read the hub; status 0 when StatusHub could not be reached. */
    public HubHttp.Answer hub(StatusHubAccount account) {
        return send(api(account).list(account.hub(), null, null, 1, 1));
    }

    /** The hub's service ids, when StatusHub lists them; empty when it does not answer that list. */
    public Optional<Set<Long>> serviceIds(StatusHubAccount account) {
        HubHttp.Answer answer = send(api(account).services(account.hub(), 100));
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

    private StatusHubApi api(StatusHubAccount account) {
        return new StatusHubApi(account.apiUrl(), apiKeyHeader, account.apiKey(), json);
    }

    private static HubHttp.Answer send(HubRequest request) {
        try {
            return HubHttp.send(request, TIMEOUT);
        } catch (IOException e) {
            return NO_ANSWER;
        }
    }
}
