package dev.alertbridge.explain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.LinkParser;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.reconcile.AlarmTags;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubRejectedException;
import dev.alertbridge.statushub.StatusHubUnavailableException;

/**
 * {@code {"bridge": "explain", "service": "checkout"}} invoked on the alarm function (never the Function URL): the
 * {@link Explainer}'s answer with the function's own configuration, role and pacing. With no {@code service}, every
 * service; an unknown key is answered {@code {"error": ...}} naming the configured keys, and nothing is read. The
 * links the EventBridge rule embeds may be given as {@code "links"}, as the schedule's input carries them.
 */
@ApplicationScoped
public class ExplainInvocation {
    private final ConfigLoader configs;
    private final StatusHubGateway gateway;
    private final CloudWatchAlarmStates alarms;
    private final AlarmTags tags;
    private final ReportLog log;
    private final BridgeSettings settings;

    public ExplainInvocation(ConfigLoader configs, StatusHubGateway gateway, CloudWatchAlarmStates alarms,
            AlarmTags tags, ReportLog log, BridgeSettings settings) {
        this.configs = configs;
        this.gateway = gateway;
        this.alarms = alarms;
        this.tags = tags;
        this.log = log;
        this.settings = settings;
    }

    /** StatusHub could not be read whole: nothing is told from part of it. */
    public static final class ExplanationUnavailableException extends RuntimeException {
        ExplanationUnavailableException(String reason) {
            super(reason, null, false, false);
        }
    }

    public Object run(String service, JsonNode embeddedLinks, Deadline deadline, Instant now) {
        BridgeConfig config = configs.current(now, deadline.remaining());
        List<ServiceLink> embedded = embeddedLinks == null ? List.of()
                : LinkParser.links("event", "$.links", embeddedLinks, config.services().keySet());
        Optional<String> unknown = Explainer.unknown(config, service);
        if (unknown.isPresent()) {
            Map<String, String> answer = Map.of("error", unknown.get());
            log.outcome(InvocationKind.explain(), 400, answer);
            return answer;
        }
        Explanation answer;
        try {
            answer = new Explainer(settings.metricsStack(), tags).explain(config, embedded, service,
                    gateway.session(config, deadline, now),
                    settings.dryRun() ? Optional.empty() : Optional.of(alarms), deadline, now);
        } catch (StatusHubUnavailableException | StatusHubRejectedException | DeadlineExceededException e) {
            // The handler fails the invocation with this reason, and logs it.
            throw new ExplanationUnavailableException("explain could not read StatusHub: " + CallFailure.of(e).why());
        }
        log.outcome(InvocationKind.explain(), 200, answer);
        return answer;
    }
}
