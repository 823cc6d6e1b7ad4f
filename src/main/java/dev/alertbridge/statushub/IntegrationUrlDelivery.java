package dev.alertbridge.statushub;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * <p>An integration URL cannot be read back. This execution environment remembers what it posted, so a
 * duplicate it sees again is not posted twice, and a clear that does not name its alert (an SNS OK) finds the
 * monitor's open incident; in another environment the repeat is an idempotent re-post of the same state to the
 * same id, and such a clear is skipped with its reason.
 */
public final class IntegrationUrlDelivery implements StatusHubDelivery {
    public static final String VIA = "integration-url";
    /** Enough for the open incidents of a large estate; oldest forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final Function<URI, IntegrationHookApi> clients;
    private final StatusHubCalls calls;
    private final Pacer pacer;
    private final Map<String, IncidentType> posted = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, IncidentType> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** Per monitor and service (the ref's monitor prefix), the ref of the incident this environment left open. */
    private final Map<String, IncidentRef> openByMonitor = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, IncidentRef> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public IntegrationUrlDelivery(Function<URI, IntegrationHookApi> clients, StatusHubCalls calls, Pacer pacer) {
        this.clients = clients;
        this.calls = calls;
        this.pacer = pacer;
    }

    @Override
    public Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline) {
        Map<String, Current> current = new HashMap<>();
        for (ServiceTarget service : services) {
            IncidentRef named = IncidentRef.of(alert, service.id());
            IncidentRef ref = named.hasEpisode() ? named : openByMonitor.getOrDefault(named.monitorPrefix(), named);
            IncidentType remembered = ref.hasEpisode() ? posted.get(ref.toString()) : null;
            current.put(service.id(), remembered == null ? Current.UNREADABLE
                    : new Current.Found(new IncidentView(ref.toString(), alert.title(), ref, null, remembered,
                            remembered == IncidentType.MONITORING)));
        }
        return current;
    }

    @Override
    public Delivered apply(Transition.Write write, Deadline deadline) {
        IncidentDraft draft = write.draft();
        ServiceTarget service = write.service();
        HookIncident body = body(draft);
        calls.write("POST " + service.redactedHookUrl() + " (service " + service.id() + ")", pacer, deadline,
                () -> clients.apply(service.hookUrl()).post(body));
        posted.put(draft.ref().toString(), draft.type());
        if (draft.type() == IncidentType.INVESTIGATING) {
            openByMonitor.put(draft.ref().monitorPrefix(), draft.ref());
        } else {
            openByMonitor.remove(draft.ref().monitorPrefix(), draft.ref());
        }
        String result = draft.type() == IncidentType.INVESTIGATING ? "created" : "updated";
        return new Delivered(result, VIA, body.id(), null, null);
    }

    static HookIncident body(IncidentDraft draft) {
        return new HookIncident("incident", draft.ref().toString(), draft.title(), draft.body(),
                draft.time().truncatedTo(ChronoUnit.SECONDS).toString(), draft.type().wireName());
    }
}
