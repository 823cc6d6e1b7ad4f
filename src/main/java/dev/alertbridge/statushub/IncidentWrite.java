package dev.alertbridge.statushub;

import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.IncidentDraft;

/**
 * The body of "create incident" and "add an update": one shape for both (StatusHub's contract). Only a create
 * carries a title, so a person's retitle stands.
 *
 * @param title incident title, on a create; null (left out) on an update
 * @param startTime UTC, {@code YYYY-MM-DDTHH:MM:SSZ}
 * @param incidentType investigating, identified, monitoring, resolved
 * @param body the update's text
 * @param serviceStatuses the service's new status (a shared incident's: every one of its services)
 * @param silent {@code true} when the team's notify policy asks StatusHub not to notify subscribers of this write;
 *        null (left out) otherwise, so a hub whose API does not know the field loses nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentWrite(String title, @JsonProperty("start_time") String startTime,
        @JsonProperty("incident_type") String incidentType, String body,
        @JsonProperty("service_statuses") List<ServiceStatusWrite> serviceStatuses, Boolean silent) {

    /** One service's status in an incident update. */
    public record ServiceStatusWrite(@JsonProperty("service_id") long serviceId, String status) {
    }

    /** The request body of a create or an update. */
    static IncidentWrite of(ServiceTarget service, IncidentDraft draft, boolean create, boolean silent) {
        List<ServiceStatusWrite> statuses = draft.statusesOn(service.serviceId()).entrySet().stream()
                .map(e -> new ServiceStatusWrite(e.getKey(), e.getValue().wireName())).toList();
        return new IncidentWrite(create || draft.retitles() ? draft.title() : null,
                draft.time().truncatedTo(ChronoUnit.SECONDS).toString(), draft.type().wireName(), draft.body(),
                statuses, silent ? Boolean.TRUE : null);
    }
}
