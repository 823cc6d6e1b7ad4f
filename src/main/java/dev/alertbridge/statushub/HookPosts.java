package dev.alertbridge.statushub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentType;

/**
 * Services with a {@code hookUrl}: {@code POST} of {@code {"type":"incident","id","title","description",
 * "start_time","state"}} to the service's own integration URL. The {@code id} is stable for one episode of one
 * alert on one service, so a retried or duplicated post updates the same StatusHub incident.
 *
 * <p>
 * An integration URL cannot be read back and carries no service status. This execution environment remembers
 * what it posted, so a repeat it sees again is not posted twice; in another environment the repeat is an idempotent
 * re-post of the same state to the same id.
 */
final class HookPosts {
    private static final Logger LOG = Logger.getLogger(HookPosts.class);
    /** Enough for the open incidents of a large estate; oldest forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final ObjectMapper json;
    private final StatusHubClients clients;
    private final StatusHubCalls calls;
    private final Pacer pacer;
    private final boolean dryRun;
    /** Per episode on a service, the state this environment last posted. */
    private final Map<String, IncidentType> posted = BoundedMap.lru(REMEMBERED);
    /** Per alert and service (a hook id of no episode), the id of its incident this environment last opened. */
    private final Map<String, String> openByAlert = BoundedMap.lru(REMEMBERED);

    HookPosts(ObjectMapper json, StatusHubClients clients, StatusHubCalls calls, Pacer pacer, boolean dryRun) {
        this.clients = clients;
        this.json = json;
        this.calls = calls;
        this.pacer = pacer;
        this.dryRun = dryRun;
    }

    Optional<IncidentType> posted(String id) {
        return Optional.ofNullable(posted.get(id));
    }

    /** The alert's incident this environment last opened on the service, while it has not cleared it. */
    Optional<String> openOf(String alertKey) {
        return Optional.ofNullable(openByAlert.get(alertKey));
    }

    /**
     * Posts the draft under the incident's stable id, remembering it under {@code postedKey} (its episode); returns
     * the id.
     */
    String post(ServiceTarget service, String id, String postedKey, String alertKey, IncidentDraft draft,
            Deadline deadline) {
        HookIncident body = new HookIncident("incident", id, draft.title(), draft.body(), draft.time().toString(),
                draft.type().wireName());
        if (dryRun) {
            LOG.infof("dry run, not sent: %s", describe(service, body));
        } else {
            IntegrationUrlClient client = clients.integrationUrl(service.hookUrl());
            try {
                calls.idempotentWrite("POST " + service.redactedHookUrl() + " (service " + service.id() + ")", pacer,
                        deadline, () -> client.post(body));
            } catch (StatusHubRejectedException e) {
                throw withoutToken(e, service);
            }
        }
        posted.put(postedKey, draft.type());
        if (draft.type().holdsStatus()) {
            openByAlert.put(alertKey, id);
        } else {
            openByAlert.remove(alertKey, id);
        }
        return id;
    }

    /** A refusal with the URL's query values (its token) masked, should StatusHub echo them in its reason. */
    private static StatusHubRejectedException withoutToken(StatusHubRejectedException e, ServiceTarget service) {
        String query = service.hookUrl().getRawQuery();
        StatusHubRejectedException masked = e.without(query);
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String value = pair.substring(pair.indexOf('=') + 1);
            masked = value.length() < 4 ? masked
                    : masked.without(value)
                            .without(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return masked;
    }

    String describe(ServiceTarget service, String id, IncidentDraft draft) {
        return describe(service, new HookIncident("incident", id, draft.title(), draft.body(), draft.time().toString(),
                draft.type().wireName()));
    }

    private String describe(ServiceTarget service, HookIncident body) {
        return "POST " + service.redactedHookUrl() + " " + new String(DryRunHub.json(json, body),
                StandardCharsets.UTF_8);
    }
}
