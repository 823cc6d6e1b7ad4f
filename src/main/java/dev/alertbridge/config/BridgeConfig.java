package dev.alertbridge.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;

/**
 * The merged, validated configuration: who talks to whom, services, links, modes and the page policy.
 *
 * @param access the StatusHub account and the webhook token
 * @param services services by their configuration id, in document order
 * @param links service links, in document order
 * @param modes whether writes are live, and what the reconciliation does
 * @param policy what the whole configuration says of the page policy, under its services' and links'
 * @param alerts whether alerts' own tags link them, and the heartbeat alert
 */
public record BridgeConfig(Access access, Map<String, ServiceTarget> services, List<ServiceLink> links, Modes modes,
        PagePolicy policy, AlertOptions alerts) {

    /**
     * @param account the Management API account, or empty when every service uses an integration URL
     * @param webhookToken the shared secret webhook callers present, or empty
     */
    public record Access(Optional<StatusHubAccount> account, Optional<String> webhookToken) {
    }

    /**
     * @param write live, shadow or off for every write (a link may be stricter, never looser)
     * @param reconcile {@code report} or {@code repair}
     */
    public record Modes(WriteMode write, ReconcileMode reconcile) {
        public Modes {
            write = write == null ? WriteMode.LIVE : write;
            reconcile = reconcile == null ? ReconcileMode.REPORT : reconcile;
        }
    }

    public BridgeConfig {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        links = List.copyOf(links);
        modes = modes == null ? new Modes(null, null) : modes;
        policy = policy == null ? PagePolicy.NONE : policy;
        alerts = alerts == null ? AlertOptions.NONE : alerts;
    }

    /** Services and links alone: live, reports, the default policy. */
    public static BridgeConfig of(Optional<StatusHubAccount> account, Optional<String> webhookToken,
            Map<String, ServiceTarget> services, List<ServiceLink> links) {
        return new BridgeConfig(new Access(account, webhookToken), services, links, null, null, null);
    }

    public Optional<StatusHubAccount> account() {
        return access.account();
    }

    public Optional<String> webhookToken() {
        return access.webhookToken();
    }

    /** The monitoring pipeline's always-firing alert, if the team names one. */
    public Optional<Heartbeat> heartbeat() {
        return alerts.heartbeat();
    }

    /** Whether an alert's own {@code statushub} tags or labels add a link for it ({@code "tagLinks": true}). */
    public boolean tagLinks() {
        return alerts.tagLinks();
    }

    public WriteMode mode() {
        return modes.write();
    }

    public ReconcileMode reconcileMode() {
        return modes.reconcile();
    }

    /** The same configuration with every write in {@code mode} (reconciliation's report mode plans in shadow). */
    public BridgeConfig withMode(WriteMode mode) {
        return new BridgeConfig(access, services, links, new Modes(mode, modes.reconcile()), policy, alerts);
    }

    /**
     * The configured service with this StatusHub id, else one known only by the id (an alert's incident on a service
     * the configuration no longer names).
     */
    public ServiceTarget serviceWithId(long serviceId) {
        return services.values().stream().filter(s -> s.serviceId() != null && s.serviceId() == serviceId).findFirst()
                .orElseGet(() -> ServiceTarget.viaApi("statushub-service-" + serviceId, null, serviceId));
    }

    /**
     * The page policy where this link reaches this service, resolved: the link's, over the service's, over the
     * configuration's, over the defaults, field by field.
     */
    public PagePolicy policyOf(ServiceLink link, ServiceTarget service) {
        return link.policy().over(policyOf(service));
    }

    /** The page policy on a service where no link says (what an alert opened there earlier), resolved. */
    public PagePolicy policyOf(ServiceTarget service) {
        return service.policy().over(policy).over(PagePolicy.DEFAULTS);
    }

    /** A service reached without a link (what an alert opened there earlier): its own and the configuration's say. */
    public LinkedService unlinked(ServiceTarget service, ServiceStatus status) {
        return new LinkedService(service, status, mode(), policyOf(service));
    }

    /** The services linked to this alert by the invocation's links and its own tag link ({@link AlertLinks}). */
    public List<LinkedService> servicesFor(Alert alert, AlertLinks links) {
        return servicesFor(alert, links.of(alert));
    }

    /**
     * The services linked to this alert, each once, in the order the links first reach them, as
     * {@link #reachedBy} says when several links reach one.
     *
     * @param links in the order of precedence of {@link #reachedBy}: the configured links in document order or an
     *        event's embedded links (which replace them), then the tag link
     */
    public List<LinkedService> servicesFor(Alert alert, List<ServiceLink> links) {
        Map<String, List<ServiceLink>> reaching = new LinkedHashMap<>();
        for (ServiceLink link : links) {
            if (link.matches(alert)) {
                for (String id : link.services()) {
                    if (heardBy(link, services.get(id), alert)) {
                        reaching.computeIfAbsent(id, k -> new ArrayList<>()).add(link);
                    }
                }
            }
        }
        return reaching.entrySet().stream().map(e -> reachedBy(services.get(e.getKey()), e.getValue())).toList();
    }

    /**
     * "Several links, one service" (docs/configuration.md): "when links of one alert (configured, embedded or from
     * tags) reach one service, the alert gives it the worst of their statuses; it is written if any of them is
     * {@code live} (else the strictest mode applies); the other policy fields come from the first of those links in
     * this order: configured links in document order, then embedded links, then the tag link." {@code reaching} is in
     * that order. The configuration's own mode, where it is stricter, still wins.
     */
    public LinkedService reachedBy(ServiceTarget service, List<ServiceLink> reaching) {
        ServiceStatus status = reaching.stream().map(ServiceLink::status).reduce(ServiceStatus::worst).orElseThrow();
        WriteMode mode = reaching.stream().anyMatch(l -> l.mode() == WriteMode.LIVE) ? WriteMode.LIVE
                : reaching.stream().map(ServiceLink::mode).reduce(WriteMode::strictest).orElseThrow();
        return new LinkedService(service, status, mode.strictest(mode()), policyOf(reaching.get(0), service));
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
                + mode().configName() + "]";
    }
}
