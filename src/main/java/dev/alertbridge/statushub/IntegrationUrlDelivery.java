package dev.alertbridge.statushub;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.IncidentDraft;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.IncidentType;
import dev.alertbridge.transition.IncidentView;
import dev.alertbridge.transition.Transition;

/**
 * Services with a {@code hookUrl}: {@code POST} of {@code {"type":"incident","id","title","description",
 * "start_time","state"}} to the service's own integration URL. The {@code id} is the alert's ref on that service,
 * the same for its open and its clear, so a retried or duplicated post updates the same StatusHub incident.
 *
 * <p>
 * An integration URL cannot be read back and carries no service status. This execution environment remembers
 * what it posted, so a duplicate it sees again is not posted twice, an open while the alert's incident is open
 * continues it, and a clear that does not name its episode (an SNS OK) finds the alert's open incident; in another
 * environment the repeat is an idempotent re-post of the same state to the same id, and such a clear is skipped
 * with its reason.
 */
public final class IntegrationUrlDelivery implements StatusHubDelivery {
    /** Enough for the open incidents of a large estate; oldest forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final IntegrationHookApi hooks;
    private final StatusHubCalls calls;
    private final Pacer pacer;
    /** Per ref, the state this environment last posted. */
    private final Map<String, IncidentType> posted = BoundedMap.lru(REMEMBERED);
    /** Per alert and service (the ref's alert part), the ref of the incident this environment left open. */
    private final Map<String, IncidentRef> openByAlert = BoundedMap.lru(REMEMBERED);

    IntegrationUrlDelivery(IntegrationHookApi hooks, StatusHubCalls calls, Pacer pacer) {
        this.hooks = hooks;
        this.calls = calls;
        this.pacer = pacer;
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline, Instant now) {
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            IncidentRef named = IncidentRef.of(alert, service);
            IncidentRef open = openByAlert.get(named.alertPart());
            IncidentRef ref = open != null ? open : named;
            IncidentType remembered = ref.hasEpisode() ? posted.get(ref.toString()) : null;
            current.put(service.id(), remembered == null ? Current.UNREADABLE
                    : new Current.Shown(List.of(new IncidentView(ref.toString(), alert.title(), ref, null, remembered,
                            remembered == IncidentType.MONITORING, null)), List.of()));
        }
        return current;
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        IncidentDraft draft = write.draft();
        ServiceTarget service = write.service();
        HookIncident body = body(draft);
        calls.idempotentWrite("POST " + service.redactedHookUrl() + " (service " + service.id() + ")", pacer, deadline,
                hooks.post(service.hookUrl(), body));
        posted.put(draft.ref().toString(), draft.type());
        if (draft.type() == IncidentType.INVESTIGATING) {
            openByAlert.put(draft.ref().alertPart(), draft.ref());
        } else {
            openByAlert.remove(draft.ref().alertPart(), draft.ref());
        }
        return draft.type() == IncidentType.INVESTIGATING ? Delivered.created(Delivered.Via.INTEGRATION_URL, body.id())
                : Delivered.updated(Delivered.Via.INTEGRATION_URL, body.id());
    }

    static HookIncident body(IncidentDraft draft) {
        return new HookIncident("incident", draft.ref().toString(), draft.title(), draft.body(),
                draft.time().toString(), draft.type().wireName());
    }
}
