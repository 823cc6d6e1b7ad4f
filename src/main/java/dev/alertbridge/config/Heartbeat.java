package dev.alertbridge.config;

import java.util.List;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * The monitoring pipeline's own always-firing alert, {@code "heartbeat": {"alert": "Watchdog"}}: Alertmanager's
 * {@code Watchdog} (or a Grafana rule that always fires) routed to the bridge. It is never written to the page; each
 * firing arrival is counted ({@code Heartbeats}), so the stack's {@code HeartbeatAlarm} notices when the pipeline
 * from the monitoring to the bridge goes silent, which a page that stays green cannot show.
 *
 * @param alert matched against the alert's {@code alertname} as a link's {@code monitor} is (ignoring case,
 *        {@code *} wildcards)
 */
public record Heartbeat(String alert) {
    /** Alertmanager's name for its always-firing alert (kube-prometheus and most rule sets ship it). */
    public static final String DEFAULT_ALERT = "Watchdog";
    private static final List<AlertSource> SOURCES = List.of(AlertSource.ALERTMANAGER, AlertSource.GRAFANA);

    /** Whether this alert is the heartbeat: an Alertmanager or Grafana alert whose name the pattern matches. */
    public boolean beats(Alert candidate) {
        MonitorPattern pattern = new MonitorPattern(alert);
        return SOURCES.contains(candidate.source()) && candidate.monitorIds().stream().anyMatch(pattern::matches);
    }
}
