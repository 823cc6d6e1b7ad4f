package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/** Turns one source's payload into normalized alerts, or fails with a {@link BadEventException}. */
public interface SourceAdapter {
    List<Alert> adapt(JsonNode payload);

    /** Like {@link #adapt}, but a grouped payload skips its unusable alerts instead of failing whole. */
    default Adapted adaptEach(JsonNode payload) {
        return new Adapted(adapt(payload), List.of());
    }
}
