package dev.alertbridge.scenario;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Absurd and hostile input for every source — 6 MB bodies, nesting bombs, markup and control characters in
 * identities, very long unicode names, truncated documents — each gets a specific error, in bounded time, with no
 * stack trace and no StatusHub write. Async sources fail the invocation; webhooks answer 400, or 413 for a body
 * or a string too large.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class HostileInputTest {
    private static final String SIX_MB = "x".repeat(6 * 1024 * 1024 - 4096);
    private static final String NESTING_BOMB = "[".repeat(100_000) + "]".repeat(100_000);
    private static final String LONG_UNICODE = "名前🚨".repeat(2_000);

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    /**
     * Big inputs are made inside the test, not passed as arguments: Quarkus copies parameterized-test arguments
     * into the application's class loader, and copying megabytes per case exhausts the heap.
     */
    private static final Map<String, Supplier<String>> INPUTS = new ConcurrentHashMap<>();

    private static Arguments input(String name, Supplier<String> input, String reason) {
        INPUTS.put(name, input);
        return Arguments.of(name, reason);
    }

    static Stream<Arguments> asyncEvents() {
        String eventBridge = Events.load("eventbridge/1-alarm.json");
        String sns = Events.load("sns/1-alarm.json");
        String action = Events.load("alarm-action/1-alarm.json");
        List<Arguments> cases = new ArrayList<>();
        for (String[] source : new String[][] { { "eventbridge", eventBridge, "\"alarmName\": \"ServerCpuTooHigh\"" },
                { "alarm-action", action, "\"alarmName\": \"lambda-demo-metric-alarm\"" } }) {
            String name = source[0];
            String event = source[1];
            String alarmName = source[2];
            cases.add(input(name + ": a 6 MB description", () -> event.replace("Goes into alarm", SIX_MB)
                    .replace("Metric Alarm to test", SIX_MB), "description: longer than 65536 bytes"));
            cases.add(input(name + ": nesting bomb", () -> NESTING_BOMB, "is not valid JSON"));
            cases.add(input(name + ": control characters in the alarm name", () -> event.replace(alarmName,
                    "\"alarmName\": \"cpu\\u0000\\u001b[31m\""), "contains control characters"));
            cases.add(input(name + ": very long unicode name", () -> event.replace(alarmName,
                    "\"alarmName\": \"" + LONG_UNICODE + "\""), "longer than 1024 characters"));
            cases.add(input(name + ": truncated", () -> event.substring(0, event.length() / 2),
                    "is not valid JSON"));
        }
        cases.add(input("sns: message is HTML", () -> sns.replaceFirst("\"Message\": \"\\{.*\\}\",",
                "\"Message\": \"<html><body>502 Bad Gateway</body></html>\","), "is not valid JSON"));
        cases.add(input("sns: nesting bomb", () -> NESTING_BOMB, "is not valid JSON"));
        cases.add(input("any: an HTML page", () -> "<!DOCTYPE html><html><body>hello</body></html>",
                "is not valid JSON"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("asyncEvents")
    void hostileAsyncEventsFailTheInvocationWithAClearReason(String name, String reason) {
        String event = INPUTS.get(name).get();
        Lambda.invoke(event).statusCode(500)
                .body("errorMessage", allOf(containsString("bad event"), containsString(reason)))
                .body("stackTrace", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(),
                        org.hamcrest.Matchers.empty()));
        Journal.assertNoWrites();
    }

    static Stream<Arguments> webhookBodies() {
        List<Arguments> cases = new ArrayList<>();
        String[][] sources = { { "/uptrends", Events.load("uptrends/1-alert.json"), "\"monitorGuid\": " },
                { "/alertmanager", Events.load("alertmanager/1-firing.json"), "\"alertname\": \"HighErrorRate\"" },
                { "/grafana", Events.load("grafana/1-firing.json"), "\"alertname\": \"High memory usage\"" } };
        for (String[] source : sources) {
            String path = source[0];
            String body = source[1];
            String identity = source[2];
            cases.add(webhook(path + ": a 6 MB string", path, 413, () -> "{\"pad\":\"" + SIX_MB + "\"}",
                    "$.pad is longer than 65536 bytes; nothing was applied"));
            cases.add(webhook(path + ": a body over 6 MiB", path, 413,
                    () -> "[" + "1,".repeat(3 * 1024 * 1024) + "1]",
                    "request body too large: 6291459 bytes, the limit is 6291456"));
            cases.add(webhook(path + ": nesting bomb", path, 400, () -> NESTING_BOMB, "is not valid JSON"));
            cases.add(webhook(path + ": an HTML page", path, 400, () -> "<html><body>hi</body></html>",
                    "is not valid JSON"));
            cases.add(webhook(path + ": truncated", path, 400, () -> body.substring(0, body.length() / 2),
                    "is not valid JSON"));
            if (!path.equals("/grafana")) { // Grafana's sample has two alerts: one unusable alert is skipped, not 400
                cases.add(webhook(path + ": very long unicode identity", path, 400, () -> body.replace(identity,
                        identity.startsWith("\"monitorGuid\"") ? "\"monitorGuid\": \"" + LONG_UNICODE + "\", \"x\": "
                                : identity.replaceFirst(": \".*\"", ": \"" + LONG_UNICODE + "\"")),
                        "longer than 1024 characters"));
            }
        }
        return cases.stream();
    }

    private static Arguments webhook(String name, String path, int status, Supplier<String> body,
            String reason) {
        INPUTS.put(name, body);
        return Arguments.of(name, path, status, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webhookBodies")
    void hostileWebhookBodiesAreRefusedWithAClearError(String name, String path, int status, String reason) {
        String body = INPUTS.get(name).get();
        Lambda.invoke(Events.webhook(path, body)).statusCode(200)
                .body("statusCode", is(status))
                .body("body", allOf(containsString("\"error\""), containsString(reason), not(containsString("at dev."))));
        Journal.assertNoWrites();
    }
}
