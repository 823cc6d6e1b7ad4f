package dev.alertbridge.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.OwnStack;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentRef;

/**
 * The CloudWatch alarms kept off a service: in ALARM, reached by a link, with no open incident there, because their
 * link holds them back ({@code holdDown} has not passed since the alarm entered ALARM; the reconciliation posts
 * them once it has) or because the service is in a maintenance StatusHub has in progress ({@code "maintenance":
 * "skip"}). Only alarms: their state can be read back, while a webhook alert is known only when it next arrives.
 * The bridge's own stack's alarms, suppressed composites and links in mode {@code off} never reach the page, so they
 * are not quiet either.
 */
final class QuietAlarms {
    private static final int HIGHEST_LEVEL = 3;

    private final String stack;

    QuietAlarms(String stack) {
        this.stack = stack;
    }

    List<Explanation.Quiet> on(ServiceTarget service, BridgeConfig config, AlertLinks links,
            List<AlarmState> alarms, Collection<HubIncident> open, Optional<HubMaintenance> maintenance, Instant now) {
        List<Explanation.Quiet> quiet = new ArrayList<>();
        for (AlarmState alarm : alarms.stream().filter(a -> a.since() != null)
                .sorted(Comparator.comparing(AlarmState::since)).toList()) {
            if (!alarm.inAlarm() || alarm.suppressed() || alarm.arn() == null || OwnStack.alarm(stack, alarm.name())
                    || hasIncident(alarm, service, open)) {
                continue;
            }
            Optional<LinkedService> linked = linked(alarm, service, config, links);
            if (linked.isEmpty() || linked.get().mode() == WriteMode.OFF) {
                continue;
            }
            Duration hold = linked.get().policy().holdDownFor(AlertSource.CLOUDWATCH);
            if (!hold.isZero() && alarm.since().plus(hold).isAfter(now)) {
                quiet.add(new Explanation.Quiet(alarm.name(), "held", alarm.since().toString()));
            } else if (maintenance.isPresent() && linked.get().policy().skipsMaintenances()) {
                quiet.add(new Explanation.Quiet(alarm.name(), "maintenance", alarm.since().toString()));
            }
        }
        return quiet;
    }

    /** An open incident of the alarm on the service (any of its episodes); none can be read on an integration URL. */
    private static boolean hasIncident(AlarmState alarm, ServiceTarget service, Collection<HubIncident> open) {
        String part = IncidentRef.alarmPart(alarm.arn());
        return service.viaManagementApi() && open.stream().anyMatch(i -> i.onService(service.serviceId())
                && i.refs().stream().anyMatch(r -> r.source() == AlertSource.CLOUDWATCH && r.alert().equals(part)));
    }

    /**
     * The service as the alarm's links give it, at the lowest escalation level that reaches it: the level is an
     * alarm tag, not read here (a tag read per alarm would cost more than the answer is worth).
     */
    private static Optional<LinkedService> linked(AlarmState alarm, ServiceTarget service, BridgeConfig config,
            AlertLinks links) {
        for (int level = 1; level <= HIGHEST_LEVEL; level++) {
            Alert open = alarm.asAlert().atLevel(level).opens(alarm.arn() + "@" + alarm.since(), alarm.since())
                    .at(alarm.since());
            Optional<LinkedService> linked = config.servicesFor(open, links).stream()
                    .filter(s -> s.id().equals(service.id())).findFirst();
            if (linked.isPresent()) {
                return linked;
            }
        }
        return Optional.empty();
    }
}
