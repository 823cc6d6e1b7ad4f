package dev.alertbridge.handler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.event.BadEventException;
import dev.alertbridge.event.EventRouter;
import dev.alertbridge.event.Fields;
import dev.alertbridge.event.FunctionUrlRequest;
import dev.alertbridge.event.SourceAdapter;
import dev.alertbridge.event.WebhookAuth;
import dev.alertbridge.metrics.Counters;
import dev.alertbridge.pipeline.AlertPipeline;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.ReportLog;

/**
 * Webhooks on the Function URL: {@code POST /uptrends}, {@code /alertmanager}, {@code /grafana}. Status codes
 * follow what senders do with them: 2xx done (also "nothing to do"), 4xx bad request or a write StatusHub refused
 * for good (422, naming the service and StatusHub's reason; never retried), 5xx a failure a retry may fix
 * (Alertmanager and Grafana retry only on 5xx; every write is idempotent, so a retry never duplicates).
 */
@ApplicationScoped
public class WebhookEndpoint {
    private static final Logger LOG = Logger.getLogger(WebhookEndpoint.class);

    private final EventRouter router;
    private final ConfigLoader configs;
    private final AlertPipeline pipeline;
    private final TagLinks tagLinks;
    private final ReportLog log;
    private final BridgeSettings settings;

    public WebhookEndpoint(EventRouter router, ConfigLoader configs, AlertPipeline pipeline, TagLinks tagLinks,
            ReportLog log, BridgeSettings settings) {
        this.router = router;
        this.configs = configs;
        this.pipeline = pipeline;
        this.tagLinks = tagLinks;
        this.log = log;
        this.settings = settings;
    }

    public HttpResponse handle(FunctionUrlRequest request, Deadline deadline, Instant now) {
        Optional<SourceAdapter> adapter = router.webhook(request.path());
        if (adapter.isEmpty()) {
            return error(request.path(), 404, "no webhook at this path; POST to /uptrends, /alertmanager or /grafana",
                    Map.of());
        }
        if (!request.method().equals("POST")) {
            return error(request.path(), 405, "method " + request.method() + " not allowed; use POST", Map.of("allow", "POST"));
        }
        if (WebhookAuth.anonymous(request)) {
            return unauthorized(request);
        }
        // A wrong token costs at most the refresh the TTL allows anyway: the cache is read no more often for it.
        BridgeConfig config;
        try {
            config = configs.current(now, deadline.remaining());
        } catch (ConfigValidationException e) {
            LOG.error(e.getMessage());
            return error(request.path(), 500,
                    "the bridge's configuration is invalid; nothing was changed (see the function's log)",
                    Map.of());
        } catch (ConfigUnavailableException e) {
            LOG.error(e.getMessage());
            return error(request.path(), 503, "the bridge's configuration cannot be read right now; retry later", Map.of());
        }
        if (!WebhookAuth.authorized(request, config.webhookToken())) {
            return unauthorized(request);
        }
        Adapted adapted;
        try {
            String body = request.text();
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (size > settings.maxEventBytes()) {
                return error(request.path(), 413, "request body too large: " + size + " bytes, the limit is "
                        + settings.maxEventBytes() + "; nothing was applied", Map.of());
            }
            JsonNode parsed = router.parse(body, "body");
            Optional<String> overlong = Fields.firstStringLongerThan(parsed, Fields.MAX_STRING_BYTES);
            if (overlong.isPresent()) {
                return error(request.path(), 413, "bad request body: " + overlong.get() + " is longer than "
                        + Fields.MAX_STRING_BYTES + " bytes; nothing was applied", Map.of());
            }
            adapted = adapter.get().adapt(parsed);
        } catch (BadEventException e) {
            return error(request.path(), 400, "bad request body: " + e.getMessage(), Map.of());
        }
        if (adapted.alerts().isEmpty() && !adapted.unusable().isEmpty()) {
            // Nothing usable at all: the sender's configuration is wrong, and a 4xx says so (no retry).
            return error(request.path(), 400, "bad request body: " + adapted.unusable().stream().map(Adapted.Unusable::why)
                    .collect(Collectors.joining("; ")), Map.of());
        }
        Adapted alerts = heartbeats(adapted, config);
        // Labels travel with the alert: its tag link is known without a read.
        AlertLinks links = AlertLinks.of(config.links());
        for (Alert alert : alerts.alerts()) {
            links = links.with(alert, tagLinks.of(alert, config, deadline, now).link());
        }
        InvocationReport report = pipeline.run(alerts, config, links, deadline, now, settings.dryRun());
        if (report.refused()) {
            // 422, not 5xx: Alertmanager and Grafana retry a 5xx at once, and this one is refused the same way.
            String error = "StatusHub refused the bridge's request for good; the same notification is refused the "
                    + "same way until the link or the service is fixed: " + report.failureSummary();
            log.outcome(InvocationKind.webhook(request.path()), 422, report);
            return HttpResponse.json(422, log.write(Map.of("error", error, "status", 422), report), Map.of());
        }
        int status = !report.failed() ? 200 : 503;
        log.outcome(InvocationKind.webhook(request.path()), status, report);
        return HttpResponse.json(status, log.write(report), Map.of());
    }

    /**
     * The monitoring pipeline's heartbeat among the alerts (the configuration's {@code heartbeat}): never written to
     * the page, whatever a link says; each firing arrival counted in {@code Heartbeats}. The notification's other
     * alerts are applied as usual.
     */
    private static Adapted heartbeats(Adapted adapted, BridgeConfig config) {
        if (config.heartbeat().isEmpty()) {
            return adapted;
        }
        List<Alert> alerts = new ArrayList<>();
        for (Alert alert : adapted.alerts()) {
            boolean beats = alert.state().changesThePage() && config.heartbeat().get().beats(alert);
            if (beats && alert.state() == AlertState.OPEN) {
                Counters.increment(Counters.Count.HEARTBEATS);
            }
            alerts.add(beats ? alert.asHeartbeat() : alert);
        }
        return new Adapted(alerts, adapted.unusable());
    }

    private HttpResponse unauthorized(FunctionUrlRequest request) {
        return error(request.path(), 401,
                "missing or wrong token: send 'Authorization: Bearer <token>' or '?token=<token>'",
                Map.of("www-authenticate", "Bearer"));
    }

    private HttpResponse error(String path, int status, String message, Map<String, String> headers) {
        Map<String, Object> body = Map.of("error", message, "status", status);
        log.outcome(InvocationKind.webhook(path), status, body);
        return HttpResponse.json(status, log.write(body), headers);
    }
}
