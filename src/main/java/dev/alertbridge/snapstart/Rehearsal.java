package dev.alertbridge.snapstart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.AlertReport;
import dev.alertbridge.report.InvocationReport.ServiceOutcome;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.Transition;
import dev.alertbridge.transition.TransitionPlanner;

/**
 * Before a SnapStart snapshot: a made-up alert opening and clearing on every configured service, decided through
 * StatusHub's read path (a {@link RehearsalHub} on the team's hub, reads only) and reported as in shadow mode,
 * nothing sent. The snapshot then holds the reads, the decisions and the JSON writers of request bodies and reports
 * ready, which the first event after a restore would otherwise build, and what an event's session is made on.
 */
@ApplicationScoped
public class Rehearsal {
    private final StatusHubGateway gateway;
    private final BridgeSettings settings;
    private final TransitionPlanner planner = new TransitionPlanner(new PageTexts());

    public Rehearsal(StatusHubGateway gateway, BridgeSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    /** What a rehearsal did: its report, and what it read from StatusHub. */
    public record Done(InvocationReport report, String statusHub) {
    }

    public Done run(BridgeConfig config, Deadline deadline, Instant now) {
        List<LinkedService> services = config.services().values().stream()
                .map(service -> LinkedService.of(service, ServiceStatus.DOWN, WriteMode.SHADOW)).toList();
        Alert.Builder rehearsal = Alert.of(AlertSource.CLOUDWATCH, "snapstart-rehearsal")
                .knownAs(List.of("snapstart-rehearsal")).titled("SnapStart rehearsal").described("not sent");
        Alert opens = rehearsal.opens("rehearsal", now).at(now);
        Alert clears = rehearsal.clears("rehearsal", now).at(now);
        // The team's links matched once: their patterns are what the first event's lookup runs through.
        config.servicesFor(opens, config.links());
        String read = gateway.readsStatusHub(config) ? "StatusHub read (the lookup path, reads only)"
                : "StatusHub not read (dry run, or no Management API account)";
        // What an event's session is made on (the hub's REST client, the integration URLs' posts) is made now, to be
        // in the snapshot; the session itself is not used.
        gateway.session(config, deadline, now);
        try (RehearsalHub statusHub = RehearsalHub.teams(gateway, settings, config)) {
            StatusHubSession session = statusHub.session(deadline, now);
            try {
                session.prepare(Map.of(opens, services.stream().map(LinkedService::service).toList()),
                        config.policy().skipsMaintenances());
            } catch (RuntimeException e) {
                read = "StatusHub read failed (" + CallFailure.of(e).why() + ")";
            }
            List<AlertReport> reports = new ArrayList<>();
            for (Alert alert : List.of(opens, clears)) {
                List<ServiceOutcome> outcomes = new ArrayList<>();
                for (LinkedService service : services) {
                    for (Transition transition : planner.plan(alert, service, session.view(alert, service.service()))) {
                        if (transition instanceof Transition.Write write) {
                            outcomes.add(ServiceOutcome.skipped(service.id(), StatusHubGateway.via(service.service()),
                                    "rehearsal", session.preview(write)));
                        }
                    }
                }
                reports.add(new AlertReport(alert.source().linkName(), alert.monitor(), "open", 1, null, outcomes));
            }
            return new Done(new InvocationReport(false, WriteMode.SHADOW.configName(), reports, List.of()), read);
        }
    }
}
