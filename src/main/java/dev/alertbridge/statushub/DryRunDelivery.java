package dev.alertbridge.statushub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.IncidentView;
import dev.alertbridge.transition.Transition;

/**
 * Dry run ({@code BRIDGE_DRY_RUN=true}): logs and returns the StatusHub requests the bridge would send and sends
 * none. It remembers the incidents it would have made, so a local open → clear sequence shows the clear's update
 * of the same incident. Integration URLs appear with their token redacted.
 */
public final class DryRunDelivery implements StatusHubDelivery {
    private static final Logger LOG = Logger.getLogger(DryRunDelivery.class);

    private final ObjectMapper json;
    private final BridgeConfig config;
    private final Map<String, IncidentView> wouldExist;
    private final AtomicInteger ids;

    DryRunDelivery(ObjectMapper json, BridgeConfig config, Map<String, IncidentView> wouldExist, AtomicInteger ids) {
        this.json = json;
        this.config = config;
        this.wouldExist = wouldExist;
        this.ids = ids;
    }

    /** The memory of would-be incidents, kept for the life of the execution environment. */
    static Map<String, IncidentView> memory() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline) {
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            IncidentView view = wouldExist.get(IncidentRef.of(alert, service.id()).toString());
            current.put(service.id(), view != null ? new Current.Found(view)
                    : service.viaManagementApi() ? Current.NOT_FOUND : Current.UNREADABLE);
        }
        return current;
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        ServiceTarget service = write.service();
        IncidentDraft draft = write.draft();
        boolean create = write instanceof Transition.Create;
        String incidentId;
        String request;
        if (service.viaManagementApi()) {
            String base = config.account().map(a -> a.apiUrl() + "/hubs/" + a.hub() + "/incidents").orElse("");
            incidentId = create ? "dry-run-" + ids.incrementAndGet()
                    : ((Transition.MarkMonitoring) write).incidentId();
            request = "POST " + base + (create ? "" : "/" + incidentId + "/incident_updates") + " "
                    + toJson(ManagementApiDelivery.write(service, draft));
        } else {
            incidentId = draft.ref().toString();
            request = "POST " + service.redactedHookUrl() + " " + toJson(IntegrationUrlDelivery.body(draft));
        }
        wouldExist.put(draft.ref().toString(), new IncidentView(incidentId, draft.title(), draft.ref(), draft.time(),
                draft.type(), draft.type() == IncidentType.MONITORING));
        LOG.infof("dry run, not sent: %s", request);
        String via = service.viaManagementApi() ? ManagementApiDelivery.VIA : IntegrationUrlDelivery.VIA;
        return new Delivered(create ? "created" : "updated", via, incidentId, request, null);
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request bodies are plain records", e);
        }
    }
}
