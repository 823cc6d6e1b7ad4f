package dev.alertbridge.bench;

import static dev.alertbridge.bench.Bench.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A big hub (README §7): 400 incidents left in Monitoring on the alarm's service. A fresh execution environment
 * handles one ALARM; its first event must take at most 5 s: the list's types tell which incidents can matter, so
 * only those are read in full.
 */
final class BigHubPhase {
    static final int LEFT_IN_MONITORING = 400;
    private final Bench bench;

    BigHubPhase(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(false);
        bench.statusHub.leftInMonitoring(LEFT_IN_MONITORING, BenchConfig.ONE_SERVICE_ID);
        bench.statusHub.journal(true);
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator()) {
            CompletableFuture<RuntimeApiEmulator.Result> answer = runtimeApi
                    .submit(Events.alarm(BenchConfig.ONE_SERVICE_ALARM, 90_001));
            try (FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                    bench.functionEnvironment(bench.oursRoot, runtimeApi, Map.of()), "big-hub")) {
                RuntimeApiEmulator.Result result = await(answer, function, runtimeApi, Duration.ofSeconds(60));
                expect(result, "\"result\":\"created\"", function);
                List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
                bench.statusHub.journal(false);
                long lists = calls.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.LIST).count();
                long reads = calls.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.GET).count();
                double millis = result.exactMillis();
                bench.figures.add(new Bench.Figure("big hub: first event, " + LEFT_IN_MONITORING
                        + " left in Monitoring", ms(millis) + " ms", "goal <= 5000 ms", millis <= 5000,
                        String.format(java.util.Locale.ROOT, "a cold environment's first ALARM: %d list pages, %d "
                                + "incidents read in full", lists, reads)));
            }
        }
    }
}
