package dev.alertbridge.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.Alert;

/** What an invocation brought: alarm alerts from an async source, or a webhook call on the Function URL. */
public sealed interface InboundEvent {

    /**
     * Alerts from CloudWatch (EventBridge, SNS, alarm action).
     *
     * @param alerts the normalized alerts
     * @param embeddedLinks links carried by the event itself (EventBridge input transformer), or null
     */
    record Alarms(List<Alert> alerts, JsonNode embeddedLinks) implements InboundEvent {
    }

    /** A request to the Function URL; its body is adapted once the caller is authenticated. */
    record Webhook(FunctionUrlRequest request) implements InboundEvent {
    }

    /** A direct invocation asking the bridge to check its configuration: {@code {"bridge": "check"}}. */
    record Check() implements InboundEvent {
    }

    /**
     * A direct invocation asking why services show what they show: {@code {"bridge": "explain", "service": "<key>"}}.
     *
     * @param service the service's key, or null for every service
     * @param embeddedLinks the links the EventBridge rule embeds, when the caller gives them, or null
     */
    record Explain(String service, JsonNode embeddedLinks) implements InboundEvent {
    }

    /**
     * The scheduled reconciliation (an EventBridge "Scheduled Event"), or {@code {"bridge": "reconcile"}}; with the
     * links the rule embeds, {@code {"reconcile": <scheduled event>, "links": [...]}}.
     *
     * @param embeddedLinks links carried by the schedule's input, or null
     */
    record Reconcile(JsonNode embeddedLinks) implements InboundEvent {
    }
}
