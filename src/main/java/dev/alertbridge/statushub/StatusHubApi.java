package dev.alertbridge.statushub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * StatusHub Management API v3, incidents of one hub: the requests, with the API key under the configured header
 * name (StatusHub has not confirmed the name). Answers are read as text and parsed tolerantly by
 * {@link HubIncidents}: the v3 schemas are not fully published.
 */
public final class StatusHubApi {
    private final String base;
    private final Map<String, String> headers;
    private final ObjectMapper json;
    private final boolean keepAlive;

    public StatusHubApi(URI apiUrl, String apiKeyHeader, String apiKey, ObjectMapper json) {
        this(apiUrl.toString(), Map.of(apiKeyHeader, apiKey), json, true);
    }

    private StatusHubApi(String url, Map<String, String> headers, ObjectMapper json, boolean keepAlive) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.headers = headers;
        this.json = json;
        this.keepAlive = keepAlive;
    }

    /** The same API, each connection closed after its answer (SnapStart priming: none may outlive the snapshot). */
    StatusHubApi closingEachConnection() {
        return new StatusHubApi(base, headers, json, false);
    }

    /** Incidents whose period overlaps the range; a missing bound is the far past or future. Nulls are left out. */
    public HubRequest list(String hub, String startTime, String endTime, Integer perPage, Integer page) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "start_time", startTime);
        add(query, "end_time", endTime);
        add(query, "per_page", perPage);
        add(query, "page", page);
        return kept(HubRequest.get(incidents(hub, query.toString()), headers));
    }

    /** The hub's services (not in StatusHub's public v3 documentation: only the configuration check asks). */
    public HubRequest services(String hub, int perPage) {
        return kept(HubRequest.get(URI.create(base + "/hubs/" + segment(hub) + "/services?per_page=" + perPage),
                headers));
    }

    HubRequest get(String hub, String id) {
        return kept(HubRequest.get(incidents(hub, "/" + segment(id)), headers));
    }

    HubRequest create(String hub, IncidentWrite incident) {
        return kept(HubRequest.post(incidents(hub, ""), headers, json(json, incident)));
    }

    HubRequest addUpdate(String hub, String id, IncidentWrite update) {
        return kept(HubRequest.post(incidents(hub, "/" + segment(id) + "/incident_updates"), headers,
                json(json, update)));
    }

    private HubRequest kept(HubRequest request) {
        return keepAlive ? request : request.once();
    }

    private URI incidents(String hub, String rest) {
        return URI.create(base + "/hubs/" + segment(hub) + "/incidents" + rest);
    }

    private static void add(StringJoiner query, String name, Object value) {
        if (value != null) {
            // ':' of a time stays as it is, as a browser would send it
            query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("%3A", ":"));
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] json(ObjectMapper json, Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
