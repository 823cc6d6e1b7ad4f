package dev.alertbridge.statushub;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of "create incident" and "add an update": one builder for both, the type and status differ.
 *
 * @param title incident title
 * @param startTime UTC, {@code YYYY-MM-DDTHH:MM:SSZ}
 * @param incidentType investigating, identified, monitoring, resolved
 * @param body the update's text
 * @param serviceStatuses the service's new status
 */
public record IncidentWrite(String title, @JsonProperty("start_time") String startTime,
        @JsonProperty("incident_type") String incidentType, String body,
        @JsonProperty("service_statuses") List<ServiceStatusWrite> serviceStatuses) {

    /** One service's status in an incident update. */
    public record ServiceStatusWrite(@JsonProperty("service_id") long serviceId, String status) {
    }
}
