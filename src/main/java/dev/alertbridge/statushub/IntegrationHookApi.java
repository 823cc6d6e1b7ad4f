package dev.alertbridge.statushub;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A service's own StatusHub integration URL (Generic Hook v2): the URL, token included, is where the post goes. */
final class IntegrationHookApi {
    private final ObjectMapper json;

    IntegrationHookApi(ObjectMapper json) {
        this.json = json;
    }

    HubRequest post(URI hookUrl, HookIncident incident) {
        return HubRequest.post(hookUrl, Map.of(), StatusHubApi.json(json, incident));
    }
}
