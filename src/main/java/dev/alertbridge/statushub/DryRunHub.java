package dev.alertbridge.statushub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.Redaction;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentType;

/**
 * Dry run ({@code BRIDGE_DRY_RUN=true}): a hub held in memory for the life of the execution environment. Writes are
 * logged as the request they would send and kept, so a local open → clear shows the clear's update of the same
 * incident and two alerts on one service keep it down until both clear; nothing is sent.
 */
final class DryRunHub implements HubApi {
    private static final Logger LOG = Logger.getLogger(DryRunHub.class);

    private final ObjectMapper json;
    private final StatusHubAccount account;
    private final Map<String, HubIncident> incidents = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    DryRunHub(ObjectMapper json, StatusHubAccount account) {
        this.json = json;
        this.account = account;
    }

    @Override
    public synchronized Page incidents(Instant since, int page, Deadline deadline) {
        List<IncidentSummary> open = new ArrayList<>();
        for (HubIncident incident : incidents.values()) {
            IncidentType latest = incident.latest();
            boolean ended = latest == IncidentType.RESOLVED;
            open.add(new IncidentSummary(incident.id(), incident.title(), incident.start(), ended ? since : null,
                    Optional.ofNullable(latest), null));
        }
        return new Page(page == 1 ? open : List.of(), page == 1 ? open.size() : 0, Optional.empty());
    }

    @Override
    public List<HubMaintenance> maintenancesNow(Instant now, Deadline deadline) {
        return List.of(); // the dry run's hub has none
    }

    @Override
    public synchronized Optional<HubIncident> incident(IncidentSummary summary, Deadline deadline) {
        return Optional.ofNullable(incidents.get(summary.id()));
    }

    @Override
    public synchronized IncidentSummary create(IncidentWrite incident, Deadline deadline) {
        String id = "dry-run-" + ids.incrementAndGet();
        LOG.infof("dry run, not sent: %s", describe(null, incident));
        Instant start = Instant.parse(incident.startTime());
        incidents.put(id, new HubIncident(id, incident.title(), start, List.of(update(incident))));
        return new IncidentSummary(id, incident.title(), start, null, Optional.empty(), null);
    }

    @Override
    public synchronized void addUpdate(String incidentId, IncidentWrite update, Deadline deadline) {
        LOG.infof("dry run, not sent: %s", describe(incidentId, update));
        HubIncident incident = incidents.get(incidentId);
        if (incident != null) {
            incidents.put(incidentId, incident.with(update(update)));
        }
    }

    @Override
    public String describe(String incidentId, IncidentWrite write) {
        return describe(json, account, incidentId, write);
    }

    /** The request a write sends, as one line: method, URL (credentials redacted) and body. */
    static String describe(ObjectMapper json, StatusHubAccount account, String incidentId, IncidentWrite write) {
        String path = incidentId == null ? "" : "/" + incidentId + "/incident_updates";
        return "POST " + Redaction.url(account.apiUrl()) + "/hubs/" + account.hub() + "/incidents" + path + " "
                + new String(json(json, write), StandardCharsets.UTF_8);
    }

    private static HubIncident.Update update(IncidentWrite write) {
        Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
        write.serviceStatuses().forEach(s -> statuses.put(s.serviceId(), ServiceStatus.fromWire(s.status()).orElseThrow()));
        return new HubIncident.Update(IncidentType.fromWire(write.incidentType()).orElse(null), write.body(), statuses,
                null);
    }

    /** A request body as JSON bytes. */
    static byte[] json(ObjectMapper json, Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
