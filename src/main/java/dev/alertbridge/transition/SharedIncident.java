package dev.alertbridge.transition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.alertbridge.alert.ServiceStatus;

/**
 * One public incident that several alerts share ({@code group}): what any environment needs to decide comes from
 * the incident alone. Each update's reference line names the members it touches, each with the status it gives each
 * of its services; the newest state of each member, over every update (the oldest first), tells who is open. While
 * the incident is open it holds each of its services at the worst status its open members give it (none: nothing,
 * though it is open).
 *
 * @param group the group's hash, as the reference line names it
 */
public record SharedIncident(HubIncident incident, String group) {

    /** Each member's newest state, by alert, in the order they joined. */
    public Map<String, IncidentRef> members() {
        Map<String, IncidentRef> members = new LinkedHashMap<>();
        for (IncidentRef ref : incident.refs()) {
            members.put(key(ref), ref);
        }
        return members;
    }

    /** The members whose newest state is open (not cleared). */
    public List<IncidentRef> openMembers() {
        return members().values().stream().filter(m -> m.clearedAt() == null).toList();
    }

    /** This alert's newest state here, if it is or was a member. */
    public Optional<IncidentRef> member(IncidentRef alert) {
        return Optional.ofNullable(members().get(key(alert)));
    }

    /** What the incident holds the service at: the worst its open members give it, while it is open. */
    public Optional<ServiceStatus> holds(long serviceId) {
        return incident.open() ? worstGiven(members().values(), serviceId) : Optional.empty();
    }

    /** What the incident would hold the service at with these members' states replacing theirs. */
    public Optional<ServiceStatus> holdsWith(long serviceId, List<IncidentRef> changed) {
        Map<String, IncidentRef> members = members();
        changed.forEach(m -> members.put(key(m), m));
        return worstGiven(members.values(), serviceId);
    }

    /** The worst status these members, those still open, give the service; empty when none gives it one. */
    static Optional<ServiceStatus> worstGiven(Collection<IncidentRef> members, long serviceId) {
        return members.stream().filter(m -> m.clearedAt() == null).map(m -> m.gives(serviceId))
                .flatMap(Optional::stream).reduce(ServiceStatus::worst);
    }

    /** Every service the incident's updates name, in the order they came. */
    public Set<Long> services() {
        Set<Long> services = new LinkedHashSet<>();
        List<HubIncident.Update> oldestFirst = new ArrayList<>(incident.updates());
        java.util.Collections.reverse(oldestFirst);
        oldestFirst.forEach(u -> services.addAll(u.statuses().keySet()));
        return services;
    }

    /** The bridge ended it, or a person did: the newest update says Monitoring or Resolved. */
    public boolean ended() {
        return !incident.open();
    }

    private static String key(IncidentRef ref) {
        return ref.source().refCode() + "|" + ref.scope() + "|" + ref.alert();
    }
}
