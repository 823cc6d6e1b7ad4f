package dev.alertbridge.bench;

import static dev.alertbridge.bench.Bench.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A big outage (README §7): one Alertmanager group of {@value #ALERTS} firing alerts (one rule, every instance down),
 * each its own incident on checkout, at StatusHub latency L. Posted as Alertmanager does: re-sent while the answer is
 * a 5xx, to one warm environment. Prints how many invocations and seconds it takes until every alert is on the
 * page. Writes are paced to 5 a second per API key, so the floor is {@value #ALERTS}/5 s of writes alone; a re-send
 * must not repeat what an earlier invocation already opened.
 */
final class BigGroupPhase {
    static final int ALERTS = 300;
    /** Alertmanager re-sends a failed notification within seconds; the gap is not what is measured. */
    private static final int MAX_INVOCATIONS = 20;
    private final Bench bench;

    BigGroupPhase(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(false);
        String request = webhook("/alertmanager", group(ALERTS));
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, runtimeApi, Map.of()), "big-group")) {
            // Warm the environment at zero latency on another alert, as a running bridge would be.
            invoke(runtimeApi, function, Events.alarm(BenchConfig.ONE_SERVICE_ALARM, 95_001), "created");
            bench.statusHub.resolveAll();
            int before = bench.statusHub.incidentCount();
            bench.statusHub.latency(LATENCY_MILLIS);
            List<String> answers = new ArrayList<>();
            long start = System.nanoTime();
            int status = 0;
            try {
                while (status != 200 && answers.size() < MAX_INVOCATIONS) {
                    long lists = bench.statusHub.count(StatusHubStandIn.Kind.LIST);
                    long reads = bench.statusHub.count(StatusHubStandIn.Kind.GET);
                    RuntimeApiEmulator.Result result = invoke(runtimeApi, function, request, null);
                    JsonNode answer = JSON.readTree(result.body());
                    status = answer.path("statusCode").asInt();
                    String body = answer.path("body").asText();
                    answers.add(status + " (" + count(body, "\"result\":\"created\"") + " created, "
                            + count(body, "\"result\":\"unchanged\"") + " unchanged, "
                            + count(body, "\"result\":\"failed\"") + " failed; "
                            + (bench.statusHub.count(StatusHubStandIn.Kind.LIST) - lists) + " list pages, "
                            + (bench.statusHub.count(StatusHubStandIn.Kind.GET) - reads) + " full reads)");
                    progress("big group: invocation %d answered %s after %s s", answers.size(),
                            answers.get(answers.size() - 1), seconds(System.nanoTime() - start));
                }
            } finally {
                bench.statusHub.latency(0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int opened = bench.statusHub.incidentCount() - before;
            boolean all = status == 200 && opened == ALERTS;
            bench.figures.add(new Figure(String.format(Locale.ROOT, "big group: %d Alertmanager alerts, L=%d ms",
                    ALERTS, LATENCY_MILLIS), String.format(Locale.ROOT, "%.1f s, %d invocations", seconds,
                            answers.size()),
                    "every alert on the page once (" + ALERTS + " incidents)", all,
                    String.format(Locale.ROOT, "%d incidents opened; answers: %s", opened,
                            String.join(", ", answers))));
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** An Alertmanager webhook notification (version 4) of {@code alerts} firing instances of one rule. */
    static String group(int alerts) {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
        ObjectNode notification = JSON.createObjectNode().put("version", "4").put("receiver", "statushub")
                .put("status", "firing").put("groupKey", "{}:{alertname=\"" + BenchConfig.GROUP_ALERT + "\"}")
                .put("truncatedAlerts", 0).put("externalURL", "http://alertmanager.internal:9093");
        notification.putObject("groupLabels").put("alertname", BenchConfig.GROUP_ALERT);
        notification.putObject("commonLabels").put("alertname", BenchConfig.GROUP_ALERT).put("job", "checkout");
        notification.putObject("commonAnnotations");
        ArrayNode list = notification.putArray("alerts");
        for (int i = 1; i <= alerts; i++) {
            ObjectNode alert = list.addObject().put("status", "firing").put("startsAt", startsAt.toString())
                    .put("endsAt", "0001-01-01T00:00:00Z").put("generatorURL", "http://prometheus.internal/graph")
                    .put("fingerprint", String.format(Locale.ROOT, "%016x", 0xb16000L + i));
            alert.putObject("labels").put("alertname", BenchConfig.GROUP_ALERT).put("job", "checkout")
                    .put("instance", "checkout-" + i + ":8080");
            alert.putObject("annotations").put("summary", "Instance checkout-" + i + " down");
        }
        return notification.toString();
    }

    /** A Function URL request event carrying a webhook POST with the bench's token. */
    static String webhook(String path, String body) {
        ObjectNode request = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", path).put("rawQueryString", "");
        request.putObject("headers").put("content-type", "application/json")
                .put("authorization", "Bearer " + BenchConfig.WEBHOOK_TOKEN);
        ObjectNode context = request.putObject("requestContext").put("accountId", "anonymous")
                .put("domainName", "bench.lambda-url.eu-west-1.on.aws").put("requestId", "bench")
                .put("timeEpoch", System.currentTimeMillis());
        context.putObject("http").put("method", "POST").put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "Alertmanager/0.27.0");
        request.put("body", body).put("isBase64Encoded", false);
        return request.toString();
    }
}
