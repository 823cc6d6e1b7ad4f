package dev.alertbridge.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * Recognises what an invocation carries and hands it to the adapter for its source. Event JSON is parsed with
 * tight limits (nesting, string length) so hostile input fails fast with a clear message.
 */
public final class EventRouter {
    /** Lambda refuses payloads over 6 MB (plus envelope): nothing larger is read or parsed. */
    public static final int LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024 + 64 * 1024;
    /** Real events nest about 8 deep; 64 leaves room and stops a nesting bomb. */
    private static final int MAX_NESTING = 64;
    private static final Set<String> EXPLAIN_FIELDS = Set.of("bridge", "service", "links");

    private final ObjectMapper json;
    private final EventBridgeAlarmAdapter eventBridge = new EventBridgeAlarmAdapter();
    private final AlarmActionAdapter alarmAction = new AlarmActionAdapter();
    private final SnsAlarmAdapter sns;
    private final Map<String, SourceAdapter> webhookPaths;

    public EventRouter(int maxStringBytes) {
        this.json = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxStringBytes).build())
                .build()).build();
        this.sns = new SnsAlarmAdapter(json);
        this.webhookPaths = Map.of(
                "/uptrends", new UptrendsAdapter(),
                "/alertmanager", new GroupedAlertsAdapter(AlertSource.ALERTMANAGER),
                "/grafana", new GroupedAlertsAdapter(AlertSource.GRAFANA));
    }

    /**
     * Reads and routes an invocation's payload: refused unparsed when over Lambda's payload limit, and (but for a
     * Function URL request, whose body the webhook rules bound) over {@code maxEventBytes}.
     */
    public InboundEvent read(InputStream input, int maxEventBytes) throws IOException {
        byte[] bytes = input.readNBytes(Math.max(maxEventBytes, LAMBDA_PAYLOAD_LIMIT) + 1);
        if (bytes.length > LAMBDA_PAYLOAD_LIMIT) {
            throw new BadEventException("event", "larger than Lambda's payload limit");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode root = parse(text, "event");
        if (!isWebhook(root) && text.length() > maxEventBytes) {
            throw new BadEventException("event", "larger than " + maxEventBytes + " bytes");
        }
        return route(root);
    }

    public JsonNode parse(String text, String where) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new BadEventException(where, "empty; expected a JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadEventException(where, Fields.jsonProblem(e));
        }
    }

    /** A Function URL request: its body is limited by the webhook rules, not by the event size. */
    public boolean isWebhook(JsonNode root) {
        return root.isObject() && FunctionUrlRequest.isEnvelope(root);
    }

    public InboundEvent route(JsonNode root) {
        if (!root.isObject()) {
            throw new BadEventException("$", "expected a JSON object");
        }
        if (FunctionUrlRequest.isEnvelope(root)) {
            return new InboundEvent.Webhook(FunctionUrlRequest.parse(root));
        }
        if (root.has("bridge")) {
            return command(root);
        }
        if ("aws.events".equals(root.path("source").asText()) && "Scheduled Event".equals(
                root.path("detail-type").asText())) {
            return new InboundEvent.Reconcile(null);
        }
        if (root.has("reconcile") && root.has("links")) {
            // The schedule's input when the rule embeds links: the reconciliation sees what the rule sees.
            return new InboundEvent.Reconcile(root.get("links"));
        }
        if (root.has("alarm") && root.has("links")) {
            InboundEvent inner;
            try {
                inner = route(root.get("alarm"));
            } catch (BadEventException e) {
                throw e.inside("$.alarm"); // name the path in the event the caller sent
            }
            if (!(inner instanceof InboundEvent.Alarms alarms)) {
                throw new BadEventException("$.alarm", "must be a CloudWatch alarm event");
            }
            return new InboundEvent.Alarms(alarms.alerts(), root.get("links"));
        }
        return new InboundEvent.Alarms(alarms(root), null);
    }

    /** A direct invocation's command: {@code check}, {@code reconcile}, or {@code explain} with its fields. */
    private static InboundEvent command(JsonNode root) {
        String command = root.get("bridge").asText("");
        if (command.equals("explain")) {
            return explain(root);
        }
        if (root.size() == 1 && command.equals("check")) {
            return new InboundEvent.Check();
        }
        if (root.size() == 1 && command.equals("reconcile")) {
            return new InboundEvent.Reconcile(null);
        }
        throw new BadEventException("$.bridge", "the commands are {\"bridge\": \"check\"}, {\"bridge\": "
                + "\"reconcile\"} and {\"bridge\": \"explain\", \"service\": \"<key>\"}");
    }

    private static InboundEvent.Explain explain(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!EXPLAIN_FIELDS.contains(name)) {
                throw new BadEventException("$." + Fields.excerpt(name), "unknown field; explain takes service "
                        + "(a service key; none for every service) and links (the links the rule embeds)");
            }
        }
        JsonNode service = root.get("service");
        if (service != null && !service.isNull() && !service.isTextual()) {
            throw new BadEventException("$.service", "must be a service key (a string)");
        }
        JsonNode links = root.get("links");
        if (links != null && !links.isArray()) {
            throw new BadEventException("$.links", "must be the array of links the rule embeds");
        }
        return new InboundEvent.Explain(service == null || service.isNull() ? null : service.asText(), links);
    }

    private List<Alert> alarms(JsonNode root) {
        if (root.has("alarmData")) {
            return alarmAction.adapt(root);
        }
        if (root.has("Records")) {
            return sns.adapt(root);
        }
        if ("aws.cloudwatch".equals(root.path("source").asText()) && root.has("detail-type")) {
            return eventBridge.adapt(root);
        }
        throw new BadEventException("$", "unrecognised event: expected a CloudWatch alarm (EventBridge, SNS or "
                + "alarm action) or a Function URL request");
    }

    /**
     * The adapter for a webhook path, if the path is one of ours. Repeated and trailing slashes are forgiven: a URL
     * pasted as {@code …on.aws//uptrends} or {@code …/uptrends/} reaches the same webhook.
     */
    public Optional<SourceAdapter> webhook(String path) {
        String collapsed = path.replaceAll("/{2,}", "/");
        String normalized = collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
        return Optional.ofNullable(webhookPaths.get(normalized));
    }
}
