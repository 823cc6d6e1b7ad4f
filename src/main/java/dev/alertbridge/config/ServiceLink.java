package dev.alertbridge.config;

import java.util.List;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;

/**
 * Which monitor updates which services, and how: what the link matches plus its policy. A link with no escalation
 * level applies to every level; a link with no source to every source; {@code monitor} may hold {@code *} wildcards
 * and matches ignoring case. A clear matches whatever its level: it ends what the alert opened at any level.
 *
 * @param monitor alarm name or ARN, Uptrends monitor GUID or name, alertname label, with {@code *} wildcards
 * @param escalationLevel 1–3, or null for every level
 * @param source a source, or null for every source
 * @param services ids of services in the configuration
 * @param status the status the link's alerts give its services: down (default) or degraded-performance
 * @param mode live (default), shadow or off
 * @param policy what the link says of its page policy, over its services' and the configuration's
 */
public record ServiceLink(String monitor, Integer escalationLevel, AlertSource source, List<String> services,
        ServiceStatus status, WriteMode mode, PagePolicy policy) {

    public ServiceLink {
        services = List.copyOf(services);
        status = status == null ? ServiceStatus.DOWN : status;
        mode = mode == null ? WriteMode.LIVE : mode;
        policy = policy == null ? PagePolicy.NONE : policy;
    }

    /** A live link that takes its services down and says no policy, as most links are. */
    public static ServiceLink of(String monitor, Integer escalationLevel, AlertSource source, List<String> services) {
        return new ServiceLink(monitor, escalationLevel, source, services, ServiceStatus.DOWN, WriteMode.LIVE,
                PagePolicy.NONE);
    }

    public boolean matches(Alert alert) {
        return (source == null || source == alert.source())
                && (escalationLevel == null || alert.state() == AlertState.CLEAR
                        || escalationLevel == alert.escalationLevel())
                && matchesMonitor(alert.monitorIds());
    }

    private boolean matchesMonitor(List<String> monitorIds) {
        MonitorPattern pattern = new MonitorPattern(monitor);
        return monitorIds.stream().anyMatch(pattern::matches);
    }
}
