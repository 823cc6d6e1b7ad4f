package dev.alertbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * CloudWatch's DescribeAlarms behind WireMock, in the protocol the SDK's CloudWatch client speaks: Smithy RPC v2
 * CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/DescribeAlarms}, CBOR bodies, timestamps as
 * CBOR tag 1). Alarms are set by tests; AlarmNames, AlarmNamePrefix, MaxRecords and NextToken are honoured.
 * ListTagsForResource answers an alarm's tags, or is denied ({@link #denyTags}). DescribeAlarmHistory answers the
 * state changes a test recorded ({@link #stateChange}), with StartDate, EndDate, ScanBy, MaxRecords and NextToken
 * honoured, and HistoryData in CloudWatch's JSON.
 *
 * <p>
 * As strict as AWS about the alarm function's role: it reads the role's {@code DescribeAlarms} and
 * {@code DescribeAlarmHistory} grants from the project's {@code template.yaml} and answers a request that names
 * composite alarms ({@code AlarmTypes} with {@code CompositeAlarm}) with AccessDenied unless the grant is on
 * {@code "*"}; an action not granted at all is refused whatever the request. A test may narrow a grant
 * ({@link #grant}).
 */
public final class CloudWatchStandIn implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "cloudwatch-stand-in";
    public static final String OPERATIONS = "/service/GraniteServiceVersion20100801/operation/";
    public static final String PATH = OPERATIONS + "DescribeAlarms";
    public static final String TAGS_PATH = "/service/GraniteServiceVersion20100801/operation/ListTagsForResource";
    private static final CBORMapper CBOR = new CBORMapper();
    /** The role's read grants as the template deploys them: action → its resources. */
    private static final Map<String, List<String>> TEMPLATE_GRANTS = templateGrants(Path.of("template.yaml"));
    private static final List<String> GUARDED = List.of("DescribeAlarms", "DescribeAlarmHistory");

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger tagCalls = new AtomicInteger();
    private final AtomicInteger historyCalls = new AtomicInteger();
    private final Map<String, List<Change>> history = new LinkedHashMap<>();

    /** One state change in an alarm's history, as the history records it. */
    private record Change(Instant at, String from, String to) {
    }

    private boolean denyTags;
    private final Map<String, List<String>> grants = new HashMap<>(TEMPLATE_GRANTS);

    /**
     * One alarm as DescribeAlarms shows it.
     *
     * @param suppressedBy a composite alarm's ActionsSuppressedBy ("Alarm", "WaitPeriod"…); null for a metric alarm
     */
    public record Alarm(String name, String state, Instant since, Map<String, String> tags, String suppressedBy) {
        public String arn() {
            return "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name;
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void reset() {
        alarms.clear();
        calls.set(0);
        tagCalls.set(0);
        historyCalls.set(0);
        history.clear();
        denyTags = false;
        grants.clear();
        grants.putAll(TEMPLATE_GRANTS);
    }

    /**
     * The role grants {@code cloudwatch:<operation>} on these resources instead of what the template says (none: not
     * at all), until the next reset.
     */
    public synchronized void grant(String operation, String... resources) {
        grants.put("cloudwatch:" + operation, List.of(resources));
    }

    /** The resources the template grants {@code cloudwatch:<operation>} on (empty when it does not). */
    public static List<String> templateGrant(String operation) {
        return TEMPLATE_GRANTS.getOrDefault("cloudwatch:" + operation, List.of());
    }

    public synchronized void alarm(String name, String state, Instant since) {
        alarms.put(name, new Alarm(name, state, since, Map.of(), null));
    }

    /** A metric alarm with these tags. */
    public synchronized void taggedAlarm(String name, String state, Instant since, Map<String, String> tags) {
        alarms.put(name, new Alarm(name, state, since, tags, null));
    }

    /** A composite alarm whose actions the team's suppressor alarm holds back now. */
    public synchronized void suppressedComposite(String name, String state, Instant since) {
        alarms.put(name, new Alarm(name, state, since, Map.of(), "Alarm"));
    }

    /** ListTagsForResource is denied (a role without the permission). */
    public synchronized void denyTags() {
        denyTags = true;
    }

    /** ListTagsForResource calls answered since the last reset. */
    public int tagCalls() {
        return tagCalls.get();
    }

    /**
     * The alarm's history records this change (DescribeAlarmHistory answers it); CloudWatch records a change a few
     * milliseconds after the state's own timestamp, so tests give {@code at} as the history would.
     */
    public synchronized void stateChange(String name, Instant at, String from, String to) {
        history.computeIfAbsent(name, n -> new ArrayList<>()).add(new Change(at, from, to));
    }

    /** DescribeAlarmHistory calls answered since the last reset. */
    public int historyCalls() {
        return historyCalls.get();
    }

    /** The alarm is deleted: DescribeAlarms no longer lists it. */
    public synchronized void delete(String name) {
        alarms.remove(name);
    }

    /** DescribeAlarms calls answered since the last reset. */
    public int calls() {
        return calls.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            JsonNode request = CBOR.readTree(serveEvent.getRequest().getBody());
            String operation = serveEvent.getRequest().getUrl().replaceFirst(".*/operation/", "");
            if (refused(operation, request)) {
                return accessDenied(operation);
            }
            if (serveEvent.getRequest().getUrl().endsWith("/ListTagsForResource")) {
                return tags(request.path("ResourceARN").asText());
            }
            if (serveEvent.getRequest().getUrl().endsWith("/DescribeAlarmHistory")) {
                return history(request);
            }
            if (!serveEvent.getRequest().getUrl().endsWith("/DescribeAlarms")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                        .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                        .withBody(CBOR.writeValueAsBytes(Map.of("__type", "UnknownOperationException"))).build();
            }
            calls.incrementAndGet();
            List<Alarm> matching = new ArrayList<>();
            for (Alarm alarm : alarms.values()) {
                boolean named = !request.has("AlarmNames") || contains(request.get("AlarmNames"), alarm.name());
                boolean prefixed = !request.has("AlarmNamePrefix")
                        || alarm.name().startsWith(request.get("AlarmNamePrefix").asText());
                if (named && prefixed) {
                    matching.add(alarm);
                }
            }
            int max = request.path("MaxRecords").asInt(50);
            int from = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
            List<Alarm> page = matching.subList(Math.min(from, matching.size()),
                    Math.min(from + max, matching.size()));
            String next = from + max < matching.size() ? String.valueOf(from + max) : null;
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(body(page, next)).build();
        } catch (IOException e) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400).build();
        }
    }

    /**
     * What IAM decides for the role: an action it is not granted is refused; DescribeAlarms and DescribeAlarmHistory
     * naming composite alarms are refused to a grant narrower than {@code "*"} (DescribeAlarms API reference).
     */
    private boolean refused(String operation, JsonNode request) {
        if (!GUARDED.contains(operation)) {
            return false;
        }
        List<String> resources = grants.getOrDefault("cloudwatch:" + operation, List.of());
        if (resources.isEmpty()) {
            return true;
        }
        return contains(request.path("AlarmTypes"), "CompositeAlarm") && !resources.contains("*");
    }

    /**
     * AccessDenied as CloudWatch sends it in RPC v2 CBOR: the error type in {@code __type}, and (CloudWatch being
     * query-compatible) its query code in {@code x-amzn-query-error}, from which the SDK names the error.
     */
    private static ResponseDefinition accessDenied(String operation) throws IOException {
        String role = "arn:aws:sts::123456789012:assumed-role/statushub-bridge-AlarmFunctionRole-1XQ0T7ABCDEF/"
                + "statushub-bridge-AlarmFunction-9Z8Y7X6W";
        return ResponseDefinitionBuilder.responseDefinition().withStatus(403)
                .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                .withHeader("x-amzn-query-error", "AccessDenied;Sender")
                .withBody(CBOR.writeValueAsBytes(Map.of("__type", "com.amazon.coral.service#AccessDeniedException",
                        "message", "User: " + role + " is not authorized to perform: cloudwatch:" + operation
                                + " on resource: arn:aws:cloudwatch:us-east-1:123456789012:alarm:*")))
                .build();
    }

    /**
     * The alarm function's Allow statements in {@code template.yaml} (tests run in the project's root): each action
     * with the resources it is granted on. CloudFormation's short tags ({@code !Sub}, {@code !Ref}, {@code !If}) are
     * read as their plain values: a scoped resource stays a scoped resource.
     */
    private static Map<String, List<String>> templateGrants(Path template) {
        try {
            JsonNode policies = new YAMLMapper().readTree(template.toFile()).path("Resources").path("AlarmFunction")
                    .path("Properties").path("Policies");
            Map<String, List<String>> grants = new HashMap<>();
            for (JsonNode policy : policies) {
                for (JsonNode statement : policy.path("Statement")) {
                    if (!"Allow".equals(statement.path("Effect").asText())) {
                        continue;
                    }
                    List<String> resources = texts(statement.path("Resource"));
                    for (String action : texts(statement.path("Action"))) {
                        grants.computeIfAbsent(action, a -> new ArrayList<>()).addAll(resources);
                    }
                }
            }
            return Map.copyOf(grants);
        } catch (IOException e) {
            throw new UncheckedIOException("the CloudWatch stand-in reads the role's grants from " + template, e);
        }
    }

    /** A string or a list of them (anything else, e.g. an intrinsic function's object, as its JSON). */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.isTextual() ? n.asText() : n.toString()));
        } else if (!node.isMissingNode()) {
            texts.add(node.isTextual() ? node.asText() : node.toString());
        }
        return texts;
    }

    private ResponseDefinition tags(String arn) throws IOException {
        tagCalls.incrementAndGet();
        if (denyTags) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(CBOR.writeValueAsBytes(Map.of("__type", "AccessDenied", "message", "User is not "
                            + "authorized to perform: cloudwatch:ListTagsForResource")))
                    .build();
        }
        Alarm alarm = alarms.values().stream().filter(a -> a.arn().equals(arn)).findFirst().orElse(null);
        if (alarm == null) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(CBOR.writeValueAsBytes(Map.of("__type", "ResourceNotFoundException", "message",
                            "no such alarm")))
                    .build();
        }
        List<Map<String, String>> tags = alarm.tags().entrySet().stream()
                .map(t -> Map.of("Key", t.getKey(), "Value", t.getValue())).toList();
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(CBOR.writeValueAsBytes(Map.of("Tags", tags))).build();
    }

    private ResponseDefinition history(JsonNode request) throws IOException {
        historyCalls.incrementAndGet();
        Instant start = request.has("StartDate") ? time(request.get("StartDate")) : Instant.MIN;
        Instant end = request.has("EndDate") ? time(request.get("EndDate")) : Instant.MAX;
        boolean descending = "TimestampDescending".equals(request.path("ScanBy").asText("TimestampDescending"));
        List<Change> matching = new ArrayList<>(history.getOrDefault(request.path("AlarmName").asText(), List.of())
                .stream().filter(c -> !c.at().isBefore(start) && !c.at().isAfter(end)).toList());
        matching.sort((a, b) -> descending ? b.at().compareTo(a.at()) : a.at().compareTo(b.at()));
        int max = request.path("MaxRecords").asInt(50);
        int from = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        List<Change> page = matching.subList(Math.min(from, matching.size()), Math.min(from + max, matching.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeFieldName("AlarmHistoryItems");
            cbor.writeStartArray();
            for (Change change : page) {
                cbor.writeStartObject();
                cbor.writeStringField("AlarmName", request.path("AlarmName").asText());
                cbor.writeStringField("AlarmType", "MetricAlarm");
                cbor.writeFieldName("Timestamp");
                cbor.writeTag(1);
                cbor.writeNumber(change.at().toEpochMilli() / 1000.0);
                cbor.writeStringField("HistoryItemType", "StateUpdate");
                cbor.writeStringField("HistorySummary", "Alarm updated from " + change.from() + " to "
                        + change.to());
                cbor.writeStringField("HistoryData", "{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\""
                        + change.from() + "\",\"stateReason\":\"stand-in\"},\"newState\":{\"stateValue\":\""
                        + change.to() + "\",\"stateReason\":\"stand-in\"}}");
                cbor.writeEndObject();
            }
            cbor.writeEndArray();
            if (from + max < matching.size()) {
                cbor.writeStringField("NextToken", String.valueOf(from + max));
            }
            cbor.writeEndObject();
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(out.toByteArray()).build();
    }

    /** A CBOR timestamp (tag 1, epoch seconds) as the SDK sends it. */
    private static Instant time(JsonNode node) {
        return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
    }

    private static boolean contains(JsonNode names, String name) {
        for (JsonNode n : names) {
            if (n.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] body(List<Alarm> page, String next) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeFieldName("MetricAlarms");
            alarms(cbor, page.stream().filter(a -> a.suppressedBy() == null).toList());
            cbor.writeFieldName("CompositeAlarms");
            alarms(cbor, page.stream().filter(a -> a.suppressedBy() != null).toList());
            if (next != null) {
                cbor.writeStringField("NextToken", next);
            }
            cbor.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void alarms(CBORGenerator cbor, List<Alarm> alarms) throws IOException {
        cbor.writeStartArray();
        for (Alarm alarm : alarms) {
            cbor.writeStartObject();
            cbor.writeStringField("AlarmName", alarm.name());
            cbor.writeStringField("AlarmArn", alarm.arn());
            cbor.writeStringField("StateValue", alarm.state());
            cbor.writeStringField("StateReason", "Threshold Crossed (stand-in)");
            if (alarm.suppressedBy() != null) {
                cbor.writeStringField("ActionsSuppressedBy", alarm.suppressedBy());
            }
            for (String field : List.of("StateUpdatedTimestamp", "StateTransitionedTimestamp")) {
                cbor.writeFieldName(field);
                cbor.writeTag(1);
                cbor.writeNumber(alarm.since().toEpochMilli() / 1000.0);
            }
            cbor.writeEndObject();
        }
        cbor.writeEndArray();
    }
}
