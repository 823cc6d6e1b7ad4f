package dev.alertbridge.statushub;

import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.IncidentDraft;

/**
 * The body of "create incident" and "add an update": one shape for both (StatusHub's contract). An update carries
 * the incident's title as last read, so a person's retitle stands.
 *
 * @param title incident title
 * @param startTime UTC, {@code YYYY-MM-DDTHH:MM:SSZ}
 * @param incidentType investigating, identified, monitoring, resolved
 * @param body the update's text
 * @param serviceStatuses the service's new status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentWrite(String title, @JsonProperty("start_time") String startTime,
        @JsonProperty("incident_type") String incidentType, String body,
        @JsonProperty("service_statuses") List<ServiceStatusWrite> serviceStatuses) {

    /** One service's status in an incident update. */
    public record ServiceStatusWrite(@JsonProperty("service_id") long serviceId, String status) {
    }

    /** The request body of a create or an update. */
    static IncidentWrite of(ServiceTarget service, IncidentDraft draft) {
        return new IncidentWrite(draft.title(),
                draft.time().truncatedTo(ChronoUnit.SECONDS).toString(), draft.type().wireName(), draft.body(),
                List.of(new ServiceStatusWrite(service.serviceId(), draft.status().wireName())));
    }
}
