package dev.alertbridge.handler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.check.ConfigCheckInvocation;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.event.EventRouter;
import dev.alertbridge.explain.ExplainInvocation;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.reconcile.AlarmPeriods;
import dev.alertbridge.reconcile.AlarmTags;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.reconcile.LateEvents;
import dev.alertbridge.reconcile.Reconciler;
import dev.alertbridge.report.MetricsLine;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.StatusHubGateway;
import io.quarkus.arc.Arc;

/**
 * Another Lambda execution environment of the same function: the real handler and everything it keeps between
 * invocations (configuration cache, StatusHub clients, incident cache, pacers, what it posted to integration URLs)
 * made anew, as a fresh environment has them, sharing nothing with the test's own Quarkus environment but the
 * settings and the neighbours (Parameter Store, StatusHub, CloudWatch stand-ins).
 */
public final class ExecutionEnvironment {
    private final BridgeHandler handler;

    /** Another environment beside the test's own, on its settings, JSON mapper and clock. */
    public static ExecutionEnvironment another() {
        return new ExecutionEnvironment(Arc.container().instance(BridgeSettings.class).get(),
                Arc.container().instance(ObjectMapper.class).get(), Arc.container().instance(Clock.class).get());
    }

    public ExecutionEnvironment(BridgeSettings settings, ObjectMapper json, Clock clock) {
        ConfigLoader configs = new ConfigLoader(settings, json);
        ReportLog log = new ReportLog(json, new MetricsLine(settings, clock));
        EventRouter router = new EventRouter(EventRouter.LAMBDA_PAYLOAD_LIMIT);
        StatusHubGateway gateway = new StatusHubGateway(settings, json);
        AlertPipeline pipeline = new AlertPipeline(gateway);
        CloudWatchAlarmStates alarms = new CloudWatchAlarmStates();
        AlarmTags tags = new AlarmTags(alarms, settings);
        TagLinks tagLinks = new TagLinks(tags, settings);
        AlarmPath path = new AlarmPath(configs, pipeline, new LateEvents(alarms, settings),
                new AlarmPeriods(alarms, settings),
                new Reconciler(alarms, new AlarmPeriods(alarms, settings), tags, pipeline, gateway,
                        settings, log),
                tagLinks, log, settings);
        handler = new BridgeHandler(router, path,
                new WebhookEndpoint(router, configs, pipeline, tagLinks, log, settings),
                new ConfigCheckInvocation(configs, json, settings, log, alarms),
                new ExplainInvocation(configs, gateway, alarms, tags, log, settings), log, settings, clock);
    }

    /** What an invocation returned, or the error it failed with (Lambda would retry the event). */
    public record Answer(boolean failed, String body) {
    }

    public Answer invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return new Answer(false, out.toString(StandardCharsets.UTF_8));
        } catch (InvocationFailedException e) {
            return new Answer(true, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
