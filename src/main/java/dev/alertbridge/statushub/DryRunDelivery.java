package dev.alertbridge.statushub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

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
 * of the same incident, and two alerts on one service keep it down until both clear. Integration URLs appear with
 * their token redacted.
 */
public final class DryRunDelivery implements StatusHubDelivery {
    private static final Logger LOG = Logger.getLogger(DryRunDelivery.class);

    private final ObjectMapper json;
    private final BridgeConfig config;
    /** Would-be incidents by ref, with the service they are on. */
    private final Map<String, Remembered> wouldExist;
    private final AtomicInteger ids;

    /** One would-be incident and its service's configuration id. */
    record Remembered(String serviceId, IncidentView view) {
    }

    DryRunDelivery(ObjectMapper json, BridgeConfig config, Map<String, Remembered> wouldExist, AtomicInteger ids) {
        this.json = json;
        this.config = config;
        this.wouldExist = wouldExist;
        this.ids = ids;
    }

    /** The memory of would-be incidents, kept for the life of the execution environment. */
    static Map<String, Remembered> memory() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline, Instant now) {
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            String alertPart = IncidentRef.of(alert, service).alertPart();
            List<IncidentView> ofAlert = new ArrayList<>();
            List<IncidentView> others = new ArrayList<>();
            for (Remembered remembered : wouldExist.values()) {
                if (remembered.view().ref().alertPart().equals(alertPart)) {
                    ofAlert.add(remembered.view());
                } else if (remembered.serviceId().equals(service.id()) && remembered.view().open()) {
                    others.add(remembered.view());
                }
            }
            current.put(service.id(), !ofAlert.isEmpty() || service.viaManagementApi()
                    ? new Current.Shown(ofAlert, others)
                    : Current.UNREADABLE);
        }
        return current;
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        ServiceTarget service = write.service();
        IncidentDraft draft = write.draft();
        boolean create = write instanceof Transition.Create;
        String incidentId = !service.viaManagementApi() ? draft.ref().toString()
                : create ? "dry-run-" + ids.incrementAndGet() : ((Transition.MarkMonitoring) write).incidentId();
        String request = request(json, config, write);
        IncidentView before = wouldExist.containsKey(draft.ref().toString())
                ? wouldExist.get(draft.ref().toString()).view()
                : null;
        wouldExist.put(draft.ref().toString(), new Remembered(service.id(), new IncidentView(incidentId,
                draft.title(), draft.ref(), before != null ? before.startTime() : draft.time(), draft.type(),
                draft.type() == IncidentType.MONITORING, write.linked().status())));
        LOG.infof("dry run, not sent: %s", request);
        Delivered.Via via = service.viaManagementApi() ? Delivered.Via.MANAGEMENT_API : Delivered.Via.INTEGRATION_URL;
        return (create ? Delivered.created(via, incidentId) : Delivered.updated(via, incidentId)).withRequest(request);
    }

    /** The request a write sends, as one line: method, URL (token redacted) and body. */
    static String request(ObjectMapper json, BridgeConfig config, Transition.Write write) {
        ServiceTarget service = write.service();
        IncidentDraft draft = write.draft();
        if (!service.viaManagementApi()) {
            return "POST " + service.redactedHookUrl() + " " + toJson(json, IntegrationUrlDelivery.body(draft));
        }
        String base = config.account().map(a -> dev.alertbridge.config.Redaction.url(a.apiUrl()) + "/hubs/" + a.hub()
                + "/incidents").orElse("");
        String path = write instanceof Transition.MarkMonitoring monitoring
                ? "/" + monitoring.incidentId() + "/incident_updates"
                : "";
        return "POST " + base + path + " " + toJson(json, ManagementApiDelivery.write(service, draft));
    }

    private static String toJson(ObjectMapper json, Object body) {
        return new String(StatusHubApi.json(json, body), StandardCharsets.UTF_8);
    }
}
