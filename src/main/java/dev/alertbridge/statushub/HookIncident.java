package dev.alertbridge.statushub;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body posted to an integration URL; {@code id} is the same for every update of one incident.
 *
 * @param type always {@code incident}
 * @param id the bridge's ref of (alert, service)
 * @param title incident title
 * @param description the update's text
 * @param startTime UTC, {@code YYYY-MM-DDTHH:MM:SSZ}
 * @param state investigating on open, monitoring on clear
 */
public record HookIncident(String type, String id, String title, String description,
        @JsonProperty("start_time") String startTime, String state) {
}
