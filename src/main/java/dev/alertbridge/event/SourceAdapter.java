package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/** Turns one source's payload into normalized alerts, or fails with a {@link BadEventException}. */
public interface SourceAdapter {
    List<Alert> adapt(JsonNode payload);
}
