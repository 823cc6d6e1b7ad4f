package dev.alertbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * CloudWatch's DescribeAlarms behind WireMock, in the protocol the SDK's CloudWatch client speaks: Smithy RPC v2
 * CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/DescribeAlarms}, CBOR bodies, timestamps as
 * CBOR tag 1). Alarms are set by tests; AlarmNames, AlarmNamePrefix, MaxRecords and NextToken are honoured.
 */
public final class CloudWatchStandIn implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "cloudwatch-stand-in";
    public static final String PATH = "/service/GraniteServiceVersion20100801/operation/DescribeAlarms";
    private static final CBORMapper CBOR = new CBORMapper();

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** One alarm as DescribeAlarms shows it. */
    public record Alarm(String name, String state, Instant since) {
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
    }

    public synchronized void alarm(String name, String state, Instant since) {
        alarms.put(name, new Alarm(name, state, since));
    }

    /** DescribeAlarms calls answered since the last reset. */
    public int calls() {
        return calls.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        calls.incrementAndGet();
        try {
            JsonNode request = CBOR.readTree(serveEvent.getRequest().getBody());
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
            cbor.writeStartArray();
            for (Alarm alarm : page) {
                cbor.writeStartObject();
                cbor.writeStringField("AlarmName", alarm.name());
                cbor.writeStringField("AlarmArn", alarm.arn());
                cbor.writeStringField("StateValue", alarm.state());
                cbor.writeStringField("StateReason", "Threshold Crossed (stand-in)");
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
            if (next != null) {
                cbor.writeStringField("NextToken", next);
            }
            cbor.writeEndObject();
        }
        return out.toByteArray();
    }
}
