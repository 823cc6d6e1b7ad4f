package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;

/**
 * The live Management API of one hub: each request paced to the key's limits, bounded by the deadline, its answer
 * read tolerantly ({@link HubJson}).
 */
final class ManagementApi implements HubApi {
    private static final Logger LOG = Logger.getLogger(ManagementApi.class);
    static final int PER_PAGE = 100;
    /** Maintenances in progress at one moment: a handful; past this many pages the list is not what it seems. */
    private static final int MAX_MAINTENANCE_PAGES = 10;
    private static final Pattern NEXT_PAGE = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final Pattern PAGE_PARAM = Pattern.compile("[?&]page=(\\d+)");

    private final StatusHubAccount account;
    private final ManagementApiClient api;
    private final StatusHubCalls calls;
    private final ObjectMapper json;
    private final Pacer reads;
    private final Pacer writes;

    ManagementApi(StatusHubAccount account, ManagementApiClient api, StatusHubCalls calls, ObjectMapper json, Pacer reads,
            Pacer writes) {
        this.account = account;
        this.api = api;
        this.calls = calls;
        this.json = json;
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public Page incidents(Instant since, int page, Deadline deadline) {
        String endpoint = endpoint("GET", "") + " (page " + page + ")";
        StatusHubCalls.Answer answer = keyless(() -> calls.readPage(endpoint, reads, deadline,
                () -> api.list(account.hub(), since.truncatedTo(ChronoUnit.SECONDS).toString(), null, PER_PAGE,
                        page)));
        var items = HubJson.items(parse(answer.body(), endpoint));
        return new Page(items.stream().map(HubJson::summary).toList(), items.size(), nextPage(answer.link()));
    }

    @Override
    public List<HubMaintenance> maintenancesNow(Instant now, Deadline deadline) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<HubMaintenance> found = new ArrayList<>();
        for (int page = 1; page <= MAX_MAINTENANCE_PAGES; page++) {
            int current = page;
            String endpoint = "GET /hubs/" + account.hub() + "/maintenances (page " + page + ")";
            StatusHubCalls.Answer answer = keyless(() -> calls.readOptionalPage(endpoint, reads, deadline,
                    () -> api.maintenances(account.hub(), at, at, PER_PAGE, current)));
            var items = HubJson.items(parse(answer.body(), endpoint));
            items.stream().map(HubJson::maintenance).forEach(found::add);
            if (items.size() < PER_PAGE && nextPage(answer.link()).isEmpty()) {
                break;
            }
        }
        return found;
    }

    @Override
    public Optional<HubIncident> incident(IncidentSummary summary, Deadline deadline) {
        String endpoint = endpoint("GET", "/" + summary.id());
        try {
            JsonNode detail = HubJson.unwrap(parse(keyless(() -> calls.read(endpoint, reads, deadline,
                    () -> api.get(account.hub(), summary.id()))), endpoint));
            return Optional.of(HubJson.incident(summary, detail));
        } catch (StatusHubRejectedException e) {
            if (e.status() == 404 || e.status() == 403 || e.status() == 410) {
                LOG.warnf("incident %s is listed but cannot be read (HTTP %d): left out", summary.id(), e.status());
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public IncidentSummary create(IncidentWrite incident, Deadline deadline) {
        String endpoint = endpoint("POST", "");
        JsonNode created = HubJson.unwrap(parse(keyless(() -> calls.write(endpoint, writes, deadline,
                () -> api.create(account.hub(), incident))), endpoint));
        return HubJson.summary(created);
    }

    @Override
    public void addUpdate(String incidentId, IncidentWrite update, Deadline deadline) {
        keyless(() -> calls.write(endpoint("POST", "/" + incidentId + "/incident_updates"), writes, deadline,
                () -> api.addUpdate(account.hub(), incidentId, update)));
    }

    @Override
    public String describe(String incidentId, IncidentWrite write) {
        return DryRunHub.describe(json, account, incidentId, write);
    }

    /** A request whose refusal, should StatusHub echo the API key in its reason, says it masked. */
    private <T> T keyless(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusHubRejectedException e) {
            throw e.without(account.apiKey());
        }
    }

    /** How a request is named in errors and reports: method and path below the API's base, never the key. */
    private String endpoint(String method, String rest) {
        return method + " /hubs/" + account.hub() + "/incidents" + rest;
    }

    /** The page a {@code Link: <…?page=3>; rel="next"} header points to. */
    static Optional<Integer> nextPage(String link) {
        if (link == null) {
            return Optional.empty();
        }
        Matcher next = NEXT_PAGE.matcher(link);
        if (!next.find()) {
            return Optional.empty();
        }
        Matcher page = PAGE_PARAM.matcher(next.group(1));
        return Optional.of(page.find() ? Integer.parseInt(page.group(1)) : -1);
    }

    private JsonNode parse(String body, String endpoint) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw StatusHubUnavailableException.mayHaveApplied(endpoint, "answer is not JSON");
        }
    }
}
