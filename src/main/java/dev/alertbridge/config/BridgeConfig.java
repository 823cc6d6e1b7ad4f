package dev.alertbridge.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;

/**
 * The merged, validated configuration: StatusHub account, webhook token, services, links and modes.
 *
 * @param account the Management API account, or empty when every service uses an integration URL
 * @param webhookToken the shared secret webhook callers present, or empty
 * @param services services by their configuration id, in document order
 * @param links service links
 * @param mode live, shadow or off for every write (a link may be stricter, never looser)
 * @param reconcileMode {@code report} or {@code repair}
 * @param publish how the bridge speaks on the public page, unless a service or a link says otherwise
 * @param maintenance whether an alert opens incidents on a service in a maintenance scheduled in StatusHub
 * @param holdDown how long a CloudWatch alarm must have been in ALARM before it opens an incident, unless a link
 *        says otherwise (zero: at once)
 * @param reopenWithin an alert opening again within this time of its incident's clear continues it, unless a link
 *        says otherwise (zero: never)
 * @param heartbeat the monitoring pipeline's always-firing alert, counted and never written, if configured
 */
public record BridgeConfig(Optional<StatusHubAccount> account, Optional<String> webhookToken,
        Map<String, ServiceTarget> services, List<ServiceLink> links, WriteMode mode, ReconcileMode reconcileMode,
        Publish publish, MaintenancePolicy maintenance, Duration holdDown, Duration reopenWithin,
        Optional<Heartbeat> heartbeat) {

    public BridgeConfig {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        links = List.copyOf(links);
        mode = mode == null ? WriteMode.LIVE : mode;
        reconcileMode = reconcileMode == null ? ReconcileMode.REPORT : reconcileMode;
        publish = publish == null ? Publish.NONE : publish;
        maintenance = maintenance == null ? MaintenancePolicy.SKIP : maintenance;
        holdDown = holdDown == null ? Duration.ZERO : holdDown;
        reopenWithin = reopenWithin == null ? Duration.ZERO : reopenWithin;
        heartbeat = heartbeat == null ? Optional.empty() : heartbeat;
    }

    public BridgeConfig(Optional<StatusHubAccount> account, Optional<String> webhookToken,
            Map<String, ServiceTarget> services, List<ServiceLink> links) {
        this(account, webhookToken, services, links, WriteMode.LIVE, ReconcileMode.REPORT, null, null, null, null,
                null);
    }

    /** The same configuration with every write in {@code mode} (reconciliation's report mode plans in shadow). */
    public BridgeConfig withMode(WriteMode mode) {
        return new BridgeConfig(account, webhookToken, services, links, mode, reconcileMode, publish, maintenance,
                holdDown, reopenWithin, heartbeat);
    }

    /**
     * The configured service with this StatusHub id, else one known only by the id (an alert's incident on a service
     * the configuration no longer names).
     */
    public ServiceTarget serviceWithId(long serviceId) {
        return services.values().stream().filter(s -> s.serviceId() != null && s.serviceId() == serviceId).findFirst()
                .orElseGet(() -> new ServiceTarget("statushub-service-" + serviceId, null, serviceId, null));
    }

    /** A service reached without a link (what an alert opened there earlier): its own and the configuration's say. */
    public LinkedService unlinked(ServiceTarget service, ServiceStatus status) {
        return new LinkedService(service, status, mode, service.publish().over(publish), holdDown, reopenWithin);
    }

    /**
     * The services linked to this alert, each once, in configuration order: with the worst status its matching
     * links give, and the loosest of their modes made no looser than the configuration's.
     */
    public List<LinkedService> servicesFor(Alert alert, List<ServiceLink> links) {
        Map<String, LinkedService> linked = new LinkedHashMap<>();
        for (ServiceLink link : links) {
            if (link.matches(alert)) {
                for (String id : link.services()) {
                    if (!heardBy(link, services.get(id), alert)) {
                        continue;
                    }
                    LinkedService seen = linked.get(id);
                    ServiceTarget service = services.get(id);
                    Publish publish = service == null ? link.publish().over(this.publish)
                            : link.publish().over(service.publish()).over(this.publish);
                    Duration hold = link.holdDown() != null ? link.holdDown() : holdDown;
                    Duration reopen = link.reopenWithin() != null ? link.reopenWithin() : reopenWithin;
                    linked.put(id, seen == null
                            ? new LinkedService(service, link.status(), link.mode(), publish, hold, reopen)
                            : new LinkedService(seen.service(), seen.status().worst(link.status()),
                                    seen.mode().loosest(link.mode()), seen.publish(), seen.holdDown(),
                                    seen.reopenWithin()));
                }
            }
        }
        return linked.values().stream()
                .map(s -> new LinkedService(s.service(), s.status(), s.mode().strictest(mode), s.publish(),
                        s.holdDown(), s.reopenWithin()))
                .toList();
    }

    /**
     * An integration URL is write-only: it hears a clear only from a link at the clear's own escalation level (or with
     * no level). Uptrends sends an Ok on each level that alerted, so a level-2 hook link never hears the Ok of a
     * level-1 error it was never told about. A Management API service hears every clear: the bridge reads what the
     * alert opened there.
     */
    private static boolean heardBy(ServiceLink link, ServiceTarget service, Alert alert) {
        return service == null || service.viaManagementApi() || alert.state() != AlertState.CLEAR
                || link.escalationLevel() == null || link.escalationLevel() == alert.escalationLevel();
    }

    @Override
    public String toString() {
        return "BridgeConfig[services=" + services.keySet() + ", links=" + links.size() + ", mode="
                + mode.configName() + "]";
    }
}
