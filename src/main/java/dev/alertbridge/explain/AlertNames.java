package dev.alertbridge.explain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.transition.IncidentRef;

/**
 * Names the alerts behind the bridge's incidents. Nothing internal reaches the page, so the reference line carries
 * only a hash of an alert's identity; an alert is named by hashing the same way every identity known here: the
 * links' literal monitors (an Uptrends monitor GUID, an alarm ARN) and every alarm DescribeAlarms lists. An
 * Alertmanager or Grafana alert is known by its label fingerprint, which no link names: it stays unnamed, as does any
 * alert whose identity nothing here hashes to.
 */
final class AlertNames {
    private final Map<String, String> names = new HashMap<>();

    AlertNames(List<ServiceLink> links, List<AlarmState> alarms) {
        for (ServiceLink link : links) {
            if (link.monitor().contains("*")) {
                continue;
            }
            List<AlertSource> sources = link.source() != null ? List.of(link.source())
                    : Arrays.asList(AlertSource.values());
            sources.forEach(source -> names.putIfAbsent(key(source, IncidentRef.alertPart(source, link.monitor())),
                    link.monitor()));
        }
        // An alarm's own name wins over a link's ARN: it is the name people know it by.
        alarms.stream().filter(a -> a.arn() != null)
                .forEach(a -> names.put(key(AlertSource.CLOUDWATCH, IncidentRef.alarmPart(a.arn())), a.name()));
    }

    /** The name of the alert this reference line is of, when something known here hashes to it. */
    Optional<String> of(IncidentRef ref) {
        return Optional.ofNullable(names.get(key(ref.source(), ref.alert())));
    }

    private static String key(AlertSource source, String alertPart) {
        return source.refCode() + "." + alertPart;
    }
}
