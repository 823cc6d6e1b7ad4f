package dev.alertbridge.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import dev.alertbridge.check.ConfigCheckInvocation;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.event.BadEventException;
import dev.alertbridge.event.EventRouter;
import dev.alertbridge.event.InboundEvent;
import dev.alertbridge.explain.ExplainInvocation;
import dev.alertbridge.explain.ExplainInvocation.ExplanationUnavailableException;
import dev.alertbridge.reconcile.CloudWatchAlarmStates.AlarmStatesUnavailableException;
import dev.alertbridge.report.Ending;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.ReportLog;

/**
 * The Lambda entry point: read and route the event, hand it to its path, return the answer. Alarms and the
 * reconciliation ({@link AlarmPath}) fail the invocation when a retry may help; webhooks ({@link WebhookEndpoint})
 * always answer with an HTTP status; {@code {"bridge": "check"}} checks the configuration and
 * {@code {"bridge": "explain"}} says why services show what they show.
 */
@Named("bridge")
public class BridgeHandler implements RequestStreamHandler {
    private static final Logger LOG = Logger.getLogger(BridgeHandler.class);

    private final EventRouter router;
    private final AlarmPath alarms;
    private final WebhookEndpoint webhooks;
    private final ConfigCheckInvocation check;
    private final ExplainInvocation explain;
    private final ReportLog log;
    private final BridgeSettings settings;
    private final Clock clock;

    public BridgeHandler(EventRouter router, AlarmPath alarms, WebhookEndpoint webhooks, ConfigCheckInvocation check,
            ExplainInvocation explain, ReportLog log, BridgeSettings settings, Clock clock) {
        this.router = router;
        this.alarms = alarms;
        this.webhooks = webhooks;
        this.check = check;
        this.explain = explain;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation invocation = Invocation.start(context, settings, clock);
        InvocationKind kind = InvocationKind.alarm();
        try {
            InboundEvent event = router.read(input, settings.maxEventBytes());
            kind = kindOf(event);
            Object response = path(event, invocation);
            output.write(log.write(response).getBytes(StandardCharsets.UTF_8));
        } catch (InvocationFailedException e) {
            throw e;
        } catch (BadEventException e) {
            throw failed(kind, Ending.REJECTED, "bad event: " + e.getMessage());
        } catch (ConfigValidationException | ConfigUnavailableException | AlarmStatesUnavailableException
                | ExplanationUnavailableException e) {
            throw failed(kind, Ending.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            // Not one of ours: its message may quote anything, so name the type and keep the trace in the log.
            LOG.error("unexpected failure", e);
            throw failed(kind, Ending.FAILED, "unexpected " + e.getClass().getSimpleName() + "; see the function's log");
        } finally {
            invocation.end();
        }
    }

    /** Hands the event to its path; what it returns is what the caller gets. */
    private Object path(InboundEvent event, Invocation invocation) {
        if (event instanceof InboundEvent.Webhook webhook) {
            return webhooks.handle(webhook.request(), invocation.deadline(), invocation.now());
        }
        if (event instanceof InboundEvent.Check) {
            return check.run(invocation.deadline());
        }
        if (event instanceof InboundEvent.Reconcile reconcile) {
            return alarms.reconcile(reconcile, invocation);
        }
        if (event instanceof InboundEvent.Explain asked) {
            return explain.run(asked.service(), asked.embeddedLinks(), invocation.deadline(), invocation.now());
        }
        return alarms.handle((InboundEvent.Alarms) event, invocation);
    }

    private static InvocationKind kindOf(InboundEvent event) {
        if (event instanceof InboundEvent.Webhook webhook) {
            return InvocationKind.webhook(webhook.request().path());
        }
        if (event instanceof InboundEvent.Check) {
            return InvocationKind.check();
        }
        if (event instanceof InboundEvent.Explain) {
            return InvocationKind.explain();
        }
        return event instanceof InboundEvent.Reconcile ? InvocationKind.reconcile() : InvocationKind.alarm();
    }

    private InvocationFailedException failed(InvocationKind kind, Ending ending, String reason) {
        log.outcome(kind, 500, ending, Map.of("error", reason));
        return new InvocationFailedException(reason);
    }
}
