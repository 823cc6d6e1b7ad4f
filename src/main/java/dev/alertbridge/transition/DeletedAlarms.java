package dev.alertbridge.transition;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    private static boolean tooRecent(HubIncident incident, Duration settle, Instant now) {
        Instant last = incident.updates().stream().map(HubIncident.Update::createdAt).filter(t -> t != null)
                .findFirst().orElse(incident.start());
        return last != null && last.isAfter(now.minus(settle));
    }
}
