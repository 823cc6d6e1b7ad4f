package dev.alertbridge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.Alert;

/**
 * The merged, validated configuration: StatusHub account, webhook token, services and links.
 *
 * @param account the Management API account, or empty when every service uses an integration URL
 * @param webhookToken the shared secret webhook callers present, or empty
 * @param services services by their configuration id, in document order
 * @param links service links
 */
public record BridgeConfig(Optional<StatusHubAccount> account, Optional<String> webhookToken,
        Map<String, ServiceTarget> services, List<ServiceLink> links) {

    public BridgeConfig {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        links = List.copyOf(links);
    }

    /** The services linked to this alert, each once, in configuration order. */
    public List<ServiceTarget> servicesFor(Alert alert, List<ServiceLink> links) {
        Map<String, ServiceTarget> linked = new LinkedHashMap<>();
        for (ServiceLink link : links) {
            if (link.matches(alert)) {
                link.services().forEach(id -> linked.putIfAbsent(id, services.get(id)));
            }
        }
        return List.copyOf(linked.values());
    }

    @Override
    public String toString() {
        return "BridgeConfig[services=" + services.keySet() + ", links=" + links.size() + "]";
    }
}
