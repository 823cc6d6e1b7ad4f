package dev.alertbridge.transition;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;

/**
 * An alarm deleted while in ALARM (its stack torn down, its autoscaling group gone) never sends its OK: the
 * reconciliation clears its incident instead. An incident is a deleted alarm's when it is open, the bridge opened
 * it for a CloudWatch alarm of this account and region (its reference line says so, hashed), and that alarm is in
 * none of DescribeAlarms' pages. Incidents of other accounts or regions, and of alarms that exist but no link
 * matches any more, are left alone (the latter clear with their alarm's OK).
 */
public final class DeletedAlarms {
    private final PageTexts texts;

    public DeletedAlarms(PageTexts texts) {
        this.texts = texts;
    }

    /**
     * The clears, one per incident and service it names: Monitoring, the service at what the other open incidents
     * justify.
     *
     * @param scope the reference line's scope of this account and region ({@link IncidentRef#scopeOf})
     * @param existing the alert part ({@link IncidentRef#alarmPart}) of every alarm DescribeAlarms listed
     * @param settle an incident whose newest update is younger than this is left to the next run (an alarm created a
     *        moment ago may not be listed yet)
     * @param linked the service with this StatusHub id, as the configuration knows it
     */
    public List<Transition.Update> clears(Collection<HubIncident> incidents, String scope, Set<String> existing,
            Duration settle, Instant now, LongFunction<LinkedService> linked) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        List<Transition.Update> clears = new ArrayList<>();
        for (HubIncident incident : incidents) {
            Optional<SharedIncident> shared = incident.shared();
            if (shared.isPresent()) {
                if (incident.open() && !tooRecent(incident, settle, now)) {
                    release(shared.get(), incidents, scope, existing, at, linked).ifPresent(clears::add);
                }
                continue;
            }
            IncidentRef ref = incident.ref().orElse(null);
            if (ref == null || !incident.open() || ref.source() != AlertSource.CLOUDWATCH || !ref.scope().equals(scope)
                    || existing.contains(ref.alert()) || tooRecent(incident, settle, now)) {
                continue;
            }
            for (long serviceId : incident.servicesOfReferencedUpdates()) {
                Optional<ServiceView.Held> holding = Convergence.holding(incidents, serviceId, incident.id());
                ServiceStatus status = holding.map(ServiceView.Held::status).orElse(ServiceStatus.UP);
                IncidentRef cleared = ref.clearedAt(at);
                LinkedService service = linked.apply(serviceId);
                clears.add(new Transition.Update(service, incident.id(), IncidentDraft.of(cleared, incident.title(),
                        texts.alarmDeleted(service, holding, incident.start(), cleared), at,
                        IncidentType.MONITORING, status), Transition.Purpose.CLEAR));
            }
        }
        return clears;
    }

    /**
     * A shared incident: its members that are deleted alarms of this account and region are released (the others
     * stay); the last member's release moves it to Monitoring.
     */
    private Optional<Transition.Update> release(SharedIncident incident, Collection<HubIncident> incidents,
            String scope, Set<String> existing, Instant at, LongFunction<LinkedService> linked) {
        String reference = incident.incident().reference().orElse(null);
        List<IncidentRef> open = incident.openMembers();
        List<IncidentRef> deleted = open.stream().filter(m -> m.source() == AlertSource.CLOUDWATCH
                && m.scope().equals(scope) && !existing.contains(m.alert())).map(m -> m.clearedAt(at).under(reference))
                .toList();
        if (deleted.isEmpty()) {
            return Optional.empty();
        }
        boolean last = deleted.size() == open.size();
        Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
        Optional<ServiceView.Held> holding = Optional.empty();
        List<String> up = new ArrayList<>();
        List<String> affected = new ArrayList<>();
        for (long serviceId : incident.services()) {
            Optional<ServiceView.Held> other = Convergence.holding(incidents, serviceId, incident.incident().id());
            holding = holding.or(() -> other);
            ServiceStatus status = incident.holdsWith(serviceId, deleted).orElse(ServiceStatus.UP)
                    .worst(other.map(ServiceView.Held::status).orElse(ServiceStatus.UP));
            statuses.put(serviceId, status);
            (status == ServiceStatus.UP ? up : affected).add(linked.apply(serviceId).service().name());
        }
        LinkedService primary = linked.apply(incident.services().iterator().next());
        return Optional.of(new Transition.Update(primary, incident.incident().id(), IncidentDraft.shared(deleted.get(0),
                incident.incident().title(), texts.sharedAlarmDeleted(primary, up, affected, holding, last, deleted),
                at, last ? IncidentType.MONITORING : incident.incident().latest(), statuses, false),
                last ? Transition.Purpose.CLEAR : Transition.Purpose.RELEASE));
    }

    private static boolean tooRecent(HubIncident incident, Duration settle, Instant now) {
        Instant last = incident.updates().stream().map(HubIncident.Update::createdAt).filter(t -> t != null)
                .findFirst().orElse(incident.start());
        return last != null && last.isAfter(now.minus(settle));
    }
}
