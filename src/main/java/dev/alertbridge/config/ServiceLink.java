package dev.alertbridge.config;

import java.util.List;
import java.util.Locale;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * Which monitor updates which services. A link with no escalation level applies to every level; a link with no
 * source to every source; {@code *} as monitor matches any monitor. Names match case-insensitively, since
 * CloudWatch ARNs and Uptrends GUIDs are not case-stable across tools.
 *
 * @param monitor alarm name or ARN, Uptrends monitor GUID or name, alertname label, or {@code *}
 * @param escalationLevel 1–3, or null for every level
 * @param source a source, or null for every source
 * @param services ids of services in the configuration
 */
public record ServiceLink(String monitor, Integer escalationLevel, AlertSource source, List<String> services) {

    public ServiceLink {
        services = List.copyOf(services);
    }

    public boolean matches(Alert alert) {
        return (source == null || source == alert.source())
                && (escalationLevel == null || escalationLevel == alert.escalationLevel())
                && matchesMonitor(alert.monitorIds());
    }

    private boolean matchesMonitor(List<String> monitorIds) {
        if (monitor.equals("*")) {
            return true;
        }
        String wanted = monitor.toLowerCase(Locale.ROOT);
        return monitorIds.stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
