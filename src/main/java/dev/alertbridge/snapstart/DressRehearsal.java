package dev.alertbridge.snapstart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigDocument;
import dev.alertbridge.config.ConfigParser;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.event.EventRouter;
import dev.alertbridge.event.InboundEvent;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.Result;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.StatusHubGateway;

/**
 * Before a SnapStart snapshot, after the {@link Rehearsal}: a made-up CloudWatch alarm's ALARM and OK events taken
 * through the event path end to end (routing, the links, the pipeline with its writes, re-read and convergence
 * check, the report and metrics lines rendered) against a {@link LoopbackHub}, never StatusHub, twice. The first event after a
 * restore otherwise runs all of it for the first time, interpreted: measured in
 * the benchmark, that was most of its time. Nothing is logged and no metric is emitted for these events.
 */
@ApplicationScoped
public class DressRehearsal {
    /**
     * The second round finds the first's incident in Monitoring, as a real hub's list has; more rounds measured no
     * faster (bench/README.md). Each takes tens of milliseconds.
     */
    static final int ROUNDS = 2;
    static final String ALARM = "snapstart-dress-rehearsal";
    private static final DateTimeFormatter STATE_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS+0000").withZone(ZoneOffset.UTC);

    private final EventRouter router;
    private final AlertPipeline pipeline;
    private final StatusHubGateway gateway;
    private final BridgeSettings settings;
    private final ReportLog log;
    private final ObjectMapper json;

    public DressRehearsal(EventRouter router, AlertPipeline pipeline, StatusHubGateway gateway, BridgeSettings settings,
            ReportLog log, ObjectMapper json) {
        this.router = router;
        this.pipeline = pipeline;
        this.gateway = gateway;
        this.settings = settings;
        this.log = log;
        this.json = json;
    }

    /**
     * Runs the rounds; how many writes the loopback hub took (four a round: a create and an update through the
     * Management API, an open and a clear posted to the integration URL).
     */
    public int run(Deadline deadline, Instant now) throws IOException {
        int writes = 0;
        try (LoopbackHub hub = LoopbackHub.start(json)) {
            BridgeConfig config = new ConfigParser(json).parse(List.of(new ConfigDocument("snapstart-dress-rehearsal",
                    configuration(hub))));
            try (RehearsalHub statusHub = RehearsalHub.onLoopback(gateway, settings, config)) {
                for (int round = 0; round < ROUNDS; round++) {
                    // One episode per round: each opens its incident, then clears it.
                    Instant opened = now.minusSeconds(2L * (ROUNDS - round));
                    for (String event : List.of(alarm(opened, "ALARM", null), alarm(opened.plusSeconds(1), "OK", opened))) {
                        writes += handle(event, config, statusHub, deadline, now);
                    }
                }
            }
        }
        return writes;
    }

    /** One event as {@code AlarmPath} handles it, on the dress rehearsal's configuration; its writes. */
    private int handle(String event, BridgeConfig config, RehearsalHub statusHub, Deadline deadline, Instant now)
            throws IOException {
        InboundEvent.Alarms alarms = (InboundEvent.Alarms) router.read(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), EventRouter.LAMBDA_PAYLOAD_LIMIT);
        // No late-event check: with a team's short bridge.reconcile.late-alarm-after it would ask CloudWatch.
        InvocationReport report = pipeline.run(statusHub.session(deadline, now),
                new Adapted(alarms.alerts(), List.of()), config, AlertLinks.of(config.links()), deadline, now, false);
        log.render(InvocationKind.alarm(), report.failed() ? 500 : 200, report);
        if (report.failed()) {
            throw new IllegalStateException("the dress rehearsal's event failed: " + report.failureSummary());
        }
        return (int) report.alerts().stream().flatMap(a -> a.services().stream())
                .filter(o -> o.result() == Result.CREATED || o.result() == Result.UPDATED).count();
    }

    private String configuration(LoopbackHub hub) {
        ObjectNode config = json.createObjectNode();
        config.putObject("statushub").put("apiUrl", hub.apiUrl().toString()).put("apiKey", "dress-rehearsal")
                .put("hub", "rehearsal");
        ObjectNode services = config.putObject("services");
        services.putObject("rehearsal").put("name", "Rehearsal").put("serviceId", 1);
        services.putObject("rehearsal-hook").put("name", "Rehearsal hook").put("hookUrl", hub.hookUrl().toString());
        config.putArray("links").addObject().put("monitor", ALARM).putArray("services").add("rehearsal")
                .add("rehearsal-hook");
        return config.toString();
    }

    /**
     * A CloudWatch "Alarm State Change" event as EventBridge delivers it; an OK names when its ALARM began, which is
     * how the bridge finds the incident to clear.
     */
    private String alarm(Instant at, String state, Instant alarmSince) {
        ObjectNode event = json.createObjectNode().put("version", "0").put("id", "snapstart-" + state)
                .put("detail-type", "CloudWatch Alarm State Change").put("source", "aws.cloudwatch")
                .put("account", "000000000000").put("time", at.toString()).put("region", "us-east-1");
        event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + ALARM);
        ObjectNode detail = event.putObject("detail").put("alarmName", ALARM);
        detail.putObject("configuration").put("description", "SnapStart dress rehearsal");
        detail.putObject("state").put("value", state).put("reason", "rehearsal").put("timestamp",
                STATE_TIME.format(at));
        detail.putObject("previousState").put("value", state.equals("OK") ? "ALARM" : "OK").put("reason", "rehearsal")
                .put("timestamp", STATE_TIME.format(alarmSince == null ? at.minusSeconds(60) : alarmSince));
        return event.toString();
    }
}
