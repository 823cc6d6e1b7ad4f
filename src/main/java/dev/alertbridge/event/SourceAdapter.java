package dev.alertbridge.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one webhook's payload into normalized alerts, or fails with a {@link BadEventException}: a grouped payload
 * (Alertmanager, Grafana) lists its unusable alerts beside the usable ones instead of failing whole.
 */
public interface SourceAdapter {
    Adapted adapt(JsonNode payload);
}
