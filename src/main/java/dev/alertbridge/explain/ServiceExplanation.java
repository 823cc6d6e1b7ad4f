package dev.alertbridge.explain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.Convergence;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.IncidentRef;

/**
 * One service's entry of the answer, from what was read: the status the page shows, the one its open incidents
 * justify (a service shows the worst status any open incident holds on it, the bridge's and people's), each open
 * incident with the status it holds there and the alerts behind it, and the links naming the service. An
 * integration URL cannot be read: only its links and held alarms are told.
 */
final class ServiceExplanation {
    private final AlertNames names;

    ServiceExplanation(AlertNames names) {
        this.names = names;
    }

    Explanation.Service of(ServiceTarget service, Optional<ServiceStatus> shown, Collection<HubIncident> incidents,
            List<Explanation.Quiet> quiet, List<ServiceLink> configured, List<ServiceLink> embedded,
            List<ServiceLink> tagged) {
        List<Explanation.Link> links = new ArrayList<>();
        links(service, configured, "configuration", links);
        links(service, embedded, "embedded", links);
        links(service, tagged, "tags", links);
        if (!service.viaManagementApi()) {
            return new Explanation.Service(service.id(), null, null, List.of(), quiet, links);
        }
        long serviceId = service.serviceId();
        List<HubIncident> open = incidents.stream().filter(i -> i.open() && i.onService(serviceId))
                .sorted(Comparator.comparing(HubIncident::start, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return new Explanation.Service(service.id(), shown.map(ServiceStatus::wireName).orElse(null),
                Convergence.justified(open, serviceId).wireName(),
                open.stream().map(i -> incident(i, serviceId)).toList(), quiet, links);
    }

    private static void links(ServiceTarget service, List<ServiceLink> links, String from,
            List<Explanation.Link> found) {
        links.stream().filter(l -> l.services().contains(service.id())).forEach(l -> found.add(
                new Explanation.Link(l.monitor(), from, l.status().wireName(), l.escalationLevel())));
    }

    private Explanation.Incident incident(HubIncident incident, long serviceId) {
        return new Explanation.Incident(incident.id(), incident.title(), incident.byBridge() ? "bridge" : "person",
                incident.latest().wireName(), incident.holds(serviceId).map(ServiceStatus::wireName).orElse(null),
                alerts(incident));
    }

    /**
     * The alerts whose reference lines the incident carries, each once (a flap's continuation adds an episode of the
     * same alert), with the time of its first update there, else the incident's start.
     */
    private List<Explanation.Alert> alerts(HubIncident incident) {
        List<IncidentRef> seen = new ArrayList<>();
        List<Explanation.Alert> alerts = new ArrayList<>();
        for (int i = incident.updates().size() - 1; i >= 0; i--) {
            HubIncident.Update update = incident.updates().get(i);
            Optional<IncidentRef> ref = update.ref();
            if (ref.isEmpty() || seen.stream().anyMatch(ref.get()::sameAlert)) {
                continue;
            }
            seen.add(ref.get());
            Instant since = update.createdAt() != null ? update.createdAt() : incident.start();
            alerts.add(new Explanation.Alert(ref.get().source().linkName(),
                    names.of(ref.get()).orElse(null), since == null ? null : since.toString()));
        }
        return alerts;
    }
}
