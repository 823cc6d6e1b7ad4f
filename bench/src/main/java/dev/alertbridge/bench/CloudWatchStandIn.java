package dev.alertbridge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * CloudWatch as the function's SDK client sees it ({@code AWS_ENDPOINT_URL_CLOUDWATCH}): Smithy RPC v2 CBOR, i.e.
 * {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>} with the {@code smithy-protocol:
 * rpc-v2-cbor} header, CBOR bodies and timestamps as CBOR tag 1 (epoch seconds), the shapes of the project's test
 * stand-in ({@code src/test/.../support/CloudWatchStandIn}). DescribeAlarms pages as CloudWatch does (MaxRecords up
 * to 100, NextToken; AlarmNames, AlarmNamePrefix and AlarmTypes honoured, only metric alarms without AlarmTypes);
 * DescribeAlarmHistory and ListTagsForResource answer that the bench's alarms have no recorded changes and no tags.
 * Counts each operation and when the first and last DescribeAlarms arrived.
 */
final class CloudWatchStandIn extends LocalServer {
    /** The account and region of the bench's alarm events (their fixture's), so the reference lines match. */
    static final String ARN_PREFIX = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";
    private static final String OPERATIONS = "/service/GraniteServiceVersion20100801/operation/";
    private static final String CBOR_TYPE = "application/cbor";
    /** DescribeAlarms' largest page (its MaxRecords bound). */
    private static final int MAX_RECORDS = 100;
    private static final CBORMapper CBOR = new CBORMapper();

    enum Operation {
        DESCRIBE_ALARMS("DescribeAlarms"), DESCRIBE_ALARM_HISTORY("DescribeAlarmHistory"),
        LIST_TAGS_FOR_RESOURCE("ListTagsForResource");

        final String wireName;

        Operation(String wireName) {
            this.wireName = wireName;
        }
    }

    /** One metric alarm as DescribeAlarms shows it. */
    record Alarm(String name, String state, Instant since) {
        String arn() {
            return ARN_PREFIX + name;
        }
    }

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);
    private final AtomicLong firstListing = new AtomicLong();
    private final AtomicLong lastListing = new AtomicLong();

    CloudWatchStandIn() {
        super("cloudwatch");
        for (Operation operation : Operation.values()) {
            counts.put(operation, new AtomicLong());
        }
    }

    @Override
    boolean answersAtOnce() {
        return true;
    }

    synchronized void alarm(String name, String state, Instant since) {
        alarms.put(name, new Alarm(name, state, since));
    }

    long count(Operation operation) {
        return counts.get(operation).get();
    }

    /** When the first and the last DescribeAlarms request arrived ({@link System#nanoTime}; 0 before any). */
    long[] listingArrivals() {
        return new long[] {firstListing.get(), lastListing.get()};
    }

    @Override
    void handle(HttpExchange exchange) throws Exception {
        long arrived = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        byte[] body = bodyBytes(exchange);
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(OPERATIONS)
                || !"rpc-v2-cbor".equals(exchange.getRequestHeaders().getFirst("smithy-protocol"))) {
            error(exchange, "InvalidAction", "not a Smithy RPC v2 CBOR request: " + path);
            return;
        }
        String name = path.substring(OPERATIONS.length());
        JsonNode request = body.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(body);
        for (Operation operation : Operation.values()) {
            if (operation.wireName.equals(name)) {
                counts.get(operation).incrementAndGet();
                switch (operation) {
                    case DESCRIBE_ALARMS -> {
                        firstListing.compareAndSet(0, arrived);
                        lastListing.set(arrived);
                        describeAlarms(exchange, request);
                    }
                    case DESCRIBE_ALARM_HISTORY -> answer(exchange, emptyList("AlarmHistoryItems"));
                    case LIST_TAGS_FOR_RESOURCE -> listTags(exchange, request.path("ResourceARN").asText());
                    default -> throw new IllegalStateException(operation.name());
                }
                return;
            }
        }
        error(exchange, "UnknownOperationException", "the stand-in does not serve " + name);
    }

    private void describeAlarms(HttpExchange exchange, JsonNode request) throws IOException {
        int max = request.path("MaxRecords").asInt(50);
        if (max < 1 || max > MAX_RECORDS) {
            error(exchange, "ValidationError", "MaxRecords must be between 1 and " + MAX_RECORDS);
            return;
        }
        // CloudWatch lists only metric alarms unless AlarmTypes asks for more; the bench's alarms are all metric.
        boolean metric = !request.has("AlarmTypes") || contains(request.get("AlarmTypes"), "MetricAlarm");
        List<Alarm> matching = new ArrayList<>();
        synchronized (this) {
            for (Alarm alarm : alarms.values()) {
                boolean named = !request.has("AlarmNames") || contains(request.get("AlarmNames"), alarm.name());
                boolean prefixed = !request.has("AlarmNamePrefix")
                        || alarm.name().startsWith(request.get("AlarmNamePrefix").asText());
                if (metric && named && prefixed) {
                    matching.add(alarm);
                }
            }
        }
        int from = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        List<Alarm> page = matching.subList(Math.min(from, matching.size()), Math.min(from + max, matching.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeFieldName("MetricAlarms");
            cbor.writeStartArray();
            for (Alarm alarm : page) {
                cbor.writeStartObject();
                cbor.writeStringField("AlarmName", alarm.name());
                cbor.writeStringField("AlarmArn", alarm.arn());
                cbor.writeStringField("StateValue", alarm.state());
                cbor.writeStringField("StateReason", "Threshold Crossed (bench)");
                for (String field : List.of("StateUpdatedTimestamp", "StateTransitionedTimestamp")) {
                    cbor.writeFieldName(field);
                    cbor.writeTag(1);
                    cbor.writeNumber(alarm.since().toEpochMilli() / 1000.0);
                }
                cbor.writeEndObject();
            }
            cbor.writeEndArray();
            cbor.writeFieldName("CompositeAlarms");
            cbor.writeStartArray();
            cbor.writeEndArray();
            if (from + max < matching.size()) {
                cbor.writeStringField("NextToken", String.valueOf(from + max));
            }
            cbor.writeEndObject();
        }
        answer(exchange, out.toByteArray());
    }

    private void listTags(HttpExchange exchange, String arn) throws IOException {
        boolean known;
        synchronized (this) {
            known = arn.startsWith(ARN_PREFIX) && alarms.containsKey(arn.substring(ARN_PREFIX.length()));
        }
        if (!known) {
            error(exchange, "ResourceNotFoundException", "no such alarm");
            return;
        }
        answer(exchange, emptyList("Tags"));
    }

    private static byte[] emptyList(String field) throws IOException {
        return CBOR.writeValueAsBytes(Map.of(field, List.of()));
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
        send(exchange, 200, CBOR_TYPE, body);
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
        send(exchange, 400, CBOR_TYPE, CBOR.writeValueAsBytes(Map.of("__type", type, "message", message)));
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
