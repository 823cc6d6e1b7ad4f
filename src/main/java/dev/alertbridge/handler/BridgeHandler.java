package dev.alertbridge.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

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
import dev.alertbridge.statushub.Deadline;

/**
 * The Lambda entry point: reads the event, routes it (alarm or webhook), dispatches its alerts, and returns the
 * report. An alarm that cannot be fully applied fails the invocation so Lambda retries it.
 */
@Named("bridge")
public class BridgeHandler implements RequestStreamHandler {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BridgeHandler.class);

    private final EventRouter router;
    private final ConfigLoader configs;
    private final AlertDispatcher dispatcher;
    private final WebhookEndpoint webhooks;
    private final ReportLog log;
    private final BridgeSettings settings;
    private final Clock clock;

    public BridgeHandler(EventRouter router, ConfigLoader configs, AlertDispatcher dispatcher,
            WebhookEndpoint webhooks, ReportLog log, BridgeSettings settings, Clock clock) {
        this.router = router;
        this.configs = configs;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
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
            response = event instanceof InboundEvent.Webhook webhook
                    ? webhooks.handle(webhook.request(), deadline, now)
                    : alarms((InboundEvent.Alarms) event, deadline, now);
        } catch (InvocationFailedException e) {
            throw e;
        } catch (BadEventException e) {
            throw failed("bad event: " + e.getMessage());
        } catch (ConfigValidationException | ConfigUnavailableException e) {
            throw failed(e.getMessage());
        } catch (RuntimeException e) {
            // Not one of ours: its message may quote anything, so name the type and keep the trace in the log.
            LOG.error("unexpected failure", e);
            throw failed("unexpected " + e.getClass().getSimpleName() + "; see the function's log");
        }
        output.write(log.write(response).getBytes(StandardCharsets.UTF_8));
    }

    private InvocationReport alarms(InboundEvent.Alarms event, Deadline deadline, Instant now) {
        BridgeConfig config = configs.current(now, deadline.remaining());
        List<ServiceLink> links = event.embeddedLinks() == null ? config.links()
                : configs.parser().links("event", "$.links", event.embeddedLinks(), config.services().keySet());
        InvocationReport report = dispatcher.dispatch(new Adapted(event.alerts(), List.of()), config, links, deadline,
                now, settings.dryRun());
        log.outcome("alarm", report.failed() ? 500 : 200, report);
        if (report.failed()) {
            throw new InvocationFailedException("StatusHub not fully updated, retry the event: "
                    + report.failureSummary());
        }
        return report;
    }

    private InvocationFailedException failed(String reason) {
        log.outcome("alarm", 500, java.util.Map.of("error", reason));
        return new InvocationFailedException(reason);
    }

    private String read(InputStream input) throws IOException {
        byte[] bytes = input.readNBytes(Math.max(settings.maxEventBytes(), EventRouter.LAMBDA_PAYLOAD_LIMIT) + 1);
        if (bytes.length > EventRouter.LAMBDA_PAYLOAD_LIMIT) {
            throw new BadEventException("event", "larger than Lambda's payload limit");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Deadline deadline(Context context) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration budget = remaining > 0 ? Duration.ofMillis(remaining) : settings.localBudget();
        Duration usable = budget.minus(settings.statushub().reportMargin());
        return Deadline.in(usable.isNegative() ? Duration.ZERO : usable, clock);
    }
}
