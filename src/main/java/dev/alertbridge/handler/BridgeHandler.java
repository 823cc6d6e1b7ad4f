package dev.alertbridge.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.event.BadEventException;
import dev.alertbridge.event.EventRouter;
import dev.alertbridge.event.InboundEvent;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.statushub.Deadline;

/**
 * The Lambda entry point: read the event, route it, and hand it to its path. Alarms (EventBridge, SNS, alarm
 * actions) are dispatched here and fail the invocation when StatusHub was not fully updated, so Lambda retries
 * them; webhooks answer with an HTTP status ({@link WebhookEndpoint}); {@code {"bridge": "check"}} checks the
 * configuration ({@link ConfigCheckInvocation}).
 */
@Named("bridge")
public class BridgeHandler implements RequestStreamHandler {
    private static final Logger LOG = Logger.getLogger(BridgeHandler.class);
    static final String REQUEST_ID = "AWSRequestId";

    private final EventRouter router;
    private final ConfigLoader configs;
    private final AlertDispatcher dispatcher;
    private final WebhookEndpoint webhooks;
    private final ConfigCheckInvocation check;
    private final Reconciler reconciler;
    private final LateAlarms lateAlarms;
    private final ReportLog log;
    private final BridgeSettings settings;
    private final Clock clock;

    public BridgeHandler(EventRouter router, ConfigLoader configs, AlertDispatcher dispatcher, WebhookEndpoint webhooks,
            ConfigCheckInvocation check, Reconciler reconciler, LateAlarms lateAlarms, ReportLog log,
            BridgeSettings settings, Clock clock) {
        this.router = router;
        this.configs = configs;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.check = check;
        this.reconciler = reconciler;
        this.lateAlarms = lateAlarms;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Every log line of the invocation carries its request id (the JSON log's mdc), whichever runtime calls us.
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(REQUEST_ID, context.getAwsRequestId());
        }
        try {
            handle(input, output, context);
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }

    private void handle(InputStream input, OutputStream output, Context context) throws IOException {
        Instant now = clock.instant();
        Deadline deadline = deadline(context);
        Object response;
        try {
            String text = read(input);
            JsonNode root = router.parse(text, "event");
            if (!router.isWebhook(root) && text.length() > settings.maxEventBytes()) {
                throw new BadEventException("event", "larger than " + settings.maxEventBytes() + " bytes");
            }
            InboundEvent event = router.route(root);
            if (event instanceof InboundEvent.Webhook webhook) {
                response = webhooks.handle(webhook.request(), deadline, now);
            } else if (event instanceof InboundEvent.Check) {
                response = check.run(deadline);
            } else if (event instanceof InboundEvent.Reconcile) {
                response = reconcile(deadline, now);
            } else {
                response = alarms((InboundEvent.Alarms) event, deadline, now);
            }
        } catch (InvocationFailedException e) {
            throw e;
        } catch (BadEventException e) {
            throw failed("bad event: " + e.getMessage());
        } catch (ConfigValidationException | ConfigUnavailableException
                | CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            throw failed(e.getMessage());
        } catch (RuntimeException e) {
            // Not one of ours: its message may quote anything, so name the type and keep the trace in the log.
            LOG.error("unexpected failure", e);
            throw failed("unexpected " + e.getClass().getSimpleName() + "; see the function's log");
        }
        output.write(log.write(response).getBytes(StandardCharsets.UTF_8));
    }

    /** Find links, look up, plan, apply, report; a failure a retry may fix fails the invocation. */
    private InvocationReport alarms(InboundEvent.Alarms event, Deadline deadline, Instant now) {
        BridgeConfig config = configs.current(now, deadline.remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : configs.parser().links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        List<Alert> alerts = event.alerts().stream().map(alert -> lateAlarms.checked(alert, deadline, now)).toList();
        InvocationReport report = dispatcher.dispatch(new Adapted(alerts, List.of()), config, links, deadline, now,
                settings.dryRun());
        log.outcome("alarm", report.failed() ? 500 : 200, report);
        if (report.failed()) {
            throw new InvocationFailedException("StatusHub not fully updated, retry the event: "
                    + report.failureSummary());
        }
        return report;
    }

    private Reconciler.Run reconcile(Deadline deadline, Instant now) {
        Reconciler.Run run = reconciler.run(configs.current(now, deadline.remaining()), deadline, now);
        log.outcome("reconcile", 200, run);
        return run;
    }

    private InvocationFailedException failed(String reason) {
        log.outcome("alarm", 500, Map.of("error", reason));
        return new InvocationFailedException(reason);
    }

    private String read(InputStream input) throws IOException {
        byte[] bytes = input.readNBytes(Math.max(settings.maxEventBytes(), EventRouter.LAMBDA_PAYLOAD_LIMIT) + 1);
        if (bytes.length > EventRouter.LAMBDA_PAYLOAD_LIMIT) {
            throw new BadEventException("event", "larger than Lambda's payload limit");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Lambda's deadline less the margin kept to write the report; the local budget when there is none. */
    private Deadline deadline(Context context) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration budget = remaining > 0 ? Duration.ofMillis(remaining) : settings.localBudget();
        Duration usable = budget.minus(settings.statushub().reportMargin());
        return Deadline.in(usable.isNegative() ? Duration.ZERO : usable, clock);
    }
}
