package dev.alertbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static dev.alertbridge.bench.Bench.*;

/**
 * Fan-out: one alarm linked to 1, 5 and 20 services at latency L; a clear on one; what the convergence costs. And
 * (phase {@code fanoutgroup}, {@link #runGroupAlert}) one alarm on the 20 services with {@code "group": "alert"}: one
 * create naming them all, instead of twenty.
 */
final class FanOutPhase {
    private final Bench bench;

    FanOutPhase(Bench bench) {
        this.bench = bench;
    }


    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, runtimeApi, Map.of()), "fan-out")) {
            long episode = 30_000;
            // Warm the environment on every path the trials take, at zero latency, then let the pacers go idle.
            for (int i = 0; i < 2; i++) {
                episode++;
                invoke(runtimeApi, function, Events.alarm(BenchConfig.ONE_SERVICE_ALARM, episode), "created");
                invoke(runtimeApi, function, Events.ok(BenchConfig.ONE_SERVICE_ALARM, episode), "updated");
            }
            invoke(runtimeApi, function, Events.alarm(BenchConfig.fanOutAlarm(5), ++episode), "created");
            convergenceCost(runtimeApi, function, ++episode);
            for (int n : BenchConfig.FAN_OUT) {
                List<Double> times = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                for (int trial = 1; trial <= bench.fanOutTrials; trial++) {
                    bench.statusHub.resolveAll(); // yesterday's incidents are closed: the lookup reads no old ones
                    Thread.sleep(1100);     // the pacers are idle (even a per-second window), as for a lone alert
                    bench.statusHub.journal(true);
                    bench.statusHub.latency(LATENCY_MILLIS);
                    RuntimeApiEmulator.Result result;
                    try {
                        result = invoke(runtimeApi, function, Events.alarm(BenchConfig.fanOutAlarm(n), ++episode),
                                null);
                    } finally {
                        bench.statusHub.latency(0);
                    }
                    int created = count(result.body(), "\"result\":\"created\"");
                    if (created != n) {
                        throw new IllegalStateException("fan-out to " + n + " services created " + created + ": "
                                + result.body());
                    }
                    List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
                    bench.statusHub.journal(false);
                    times.add(result.exactMillis());
                    notes.add(fanOutBreakdown(calls, result));
                    progress("fan-out N=%d trial %d/%d: %s ms (%s)", n, trial, bench.fanOutTrials, ms(result.exactMillis()),
                            notes.get(notes.size() - 1));
                }
                double median = Stats.median(times);
                // README §7: an open looks up, writes and checks for a duplicate: 3L for one service; many services
                // are written in parallel, paced to 5 writes a second.
                double bound = Math.max(3 * LATENCY_MILLIS, n * 1000.0 / 5);
                int medianIndex = times.indexOf(times.stream().sorted().toList().get((times.size() - 1) / 2));
                bench.figures.add(new Figure(String.format(Locale.ROOT, "fan-out open N=%d, L=%d ms (median of %d)", n,
                        LATENCY_MILLIS, times.size()), ms(median) + " ms",
                        String.format(Locale.ROOT, "goal <= %s ms (max(3L,N/5 s) +10%%)", ms(bound * 1.1)),
                        median <= bound * 1.1, notes.get(medianIndex)));
            }
            fanOutClear(runtimeApi, function, ++episode);
        }
    }

    /**
     * One alarm on the 20 fan-out services with {@code "group": "alert"} at latency L (README §7): one create naming
     * every service and its duplicate-check read, 3L + 10 %. Prints the requests it made, in order.
     */
    void runGroupAlert() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        String alarm = BenchConfig.GROUP_ALERT_FAN_OUT;
        int n = BenchConfig.FAN_OUT[BenchConfig.FAN_OUT.length - 1];
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, runtimeApi, Map.of()), "fan-out-group")) {
            long episode = 36_000;
            // Warm the environment as the fan-out phase does, and on the shared path (a create and its last clear).
            for (int i = 0; i < 2; i++) {
                episode++;
                invoke(runtimeApi, function, Events.alarm(BenchConfig.ONE_SERVICE_ALARM, episode), "created");
                invoke(runtimeApi, function, Events.ok(BenchConfig.ONE_SERVICE_ALARM, episode), "updated");
            }
            invoke(runtimeApi, function, Events.alarm(alarm, ++episode), "created");
            invoke(runtimeApi, function, Events.ok(alarm, episode), "updated");
            List<Double> times = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            boolean oneCreate = true;
            for (int trial = 1; trial <= bench.fanOutTrials; trial++) {
                bench.statusHub.resolveAll();
                Thread.sleep(1100);
                bench.statusHub.journal(true);
                bench.statusHub.latency(LATENCY_MILLIS);
                RuntimeApiEmulator.Result result;
                try {
                    result = invoke(runtimeApi, function, Events.alarm(alarm, ++episode), null);
                } finally {
                    bench.statusHub.latency(0);
                }
                List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
                bench.statusHub.journal(false);
                List<StatusHubStandIn.Call> creates = calls.stream()
                        .filter(c -> c.kind() == StatusHubStandIn.Kind.CREATE).toList();
                int named = creates.stream().mapToInt(c -> c.body().path("service_statuses").size()).sum();
                int created = count(result.body(), "\"result\":\"created\"");
                boolean one = creates.size() == 1 && named == n && created == n
                        && calls.stream().noneMatch(c -> c.kind() == StatusHubStandIn.Kind.UPDATE);
                oneCreate &= one;
                times.add(result.exactMillis());
                notes.add(groupAlertBreakdown(calls, result, creates.size(), named)
                        + (one ? "" : "; answer: " + abbreviate(result.body())));
                progress("fan-out N=%d, group alert, trial %d/%d: %s ms (%s)", n, trial, bench.fanOutTrials,
                        ms(result.exactMillis()), notes.get(notes.size() - 1));
            }
            double median = Stats.median(times);
            double bound = 3 * LATENCY_MILLIS;
            int medianIndex = times.indexOf(times.stream().sorted().toList().get((times.size() - 1) / 2));
            bench.figures.add(new Figure(String.format(Locale.ROOT, "fan-out N=%d group: alert, L=%d ms (median %d)", n,
                    LATENCY_MILLIS, times.size()), ms(median) + " ms",
                    String.format(Locale.ROOT, "goal 1 create, <= %s ms (3L +10%%)", ms(bound * 1.1)),
                    oneCreate && median <= bound * 1.1, notes.get(medianIndex)));
        }
    }

    /** The requests of a shared create, in order, and when the create went out and came back. */
    private static String groupAlertBreakdown(List<StatusHubStandIn.Call> calls, RuntimeApiEmulator.Result result,
            int creates, int named) {
        long start = result.handedOutNanos();
        StatusHubStandIn.Call create = calls.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.CREATE)
                .findFirst().orElse(null);
        String requests = String.format(Locale.ROOT, "requests: %s (%d round trips; %d create%s naming %d services)",
                sequence(calls), rounds(calls), creates, creates == 1 ? "" : "s", named);
        if (create == null) {
            return requests;
        }
        List<StatusHubStandIn.Call> after = calls.stream().filter(c -> c.arrivedNanos() > create.arrivedNanos())
                .toList();
        return String.format(Locale.ROOT, "%s; the create sent at +%s ms, answered +%s; after it %s, the event "
                + "answered +%s ms", requests, ms(millis(create.arrivedNanos() - start)),
                ms(millis(create.answeredNanos() - start)), after.isEmpty() ? "nothing" : sequence(after),
                ms(millis(result.answeredNanos() - start)));
    }

    /** How many round trips one after another (requests sent alongside one count once). */
    private static int rounds(List<StatusHubStandIn.Call> calls) {
        String sequence = sequence(calls);
        return sequence.isEmpty() ? 0 : sequence.split(", ").length;
    }

    /**
     * The requests in the order they arrived, one round trip after another: {@code A ‖ B} when B arrived before A
     * was answered (sent alongside it).
     */
    private static String sequence(List<StatusHubStandIn.Call> calls) {
        List<StatusHubStandIn.Call> sorted = calls.stream()
                .sorted(Comparator.comparingLong(StatusHubStandIn.Call::arrivedNanos)).toList();
        StringBuilder text = new StringBuilder();
        long roundAnswered = Long.MIN_VALUE;
        for (StatusHubStandIn.Call call : sorted) {
            String name = switch (call.kind()) {
                case LIST -> "list";
                case GET -> "read";
                case CREATE -> "create";
                case UPDATE -> "update";
                case MAINTENANCES -> "maintenances";
                default -> call.kind().name().toLowerCase(Locale.ROOT);
            };
            if (text.length() > 0) {
                text.append(call.arrivedNanos() < roundAnswered ? " ‖ " : ", ");
            }
            text.append(name);
            roundAnswered = call.arrivedNanos() < roundAnswered ? Math.max(roundAnswered, call.answeredNanos())
                    : call.answeredNanos();
        }
        return text.toString();
    }

    /** A clear on one service at latency L: look up, read the incident, write, re-read (README §7: 4L + 10 %). */
    private void fanOutClear(RuntimeApiEmulator runtimeApi, FunctionProcess function, long episode)
            throws Exception {
        List<Double> times = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int trial = 1; trial <= bench.fanOutTrials; trial++, episode++) {
            bench.statusHub.resolveAll();
            invoke(runtimeApi, function, Events.alarm(BenchConfig.fanOutAlarm(1), episode), "created");
            Thread.sleep(1100);
            bench.statusHub.journal(true);
            bench.statusHub.latency(LATENCY_MILLIS);
            RuntimeApiEmulator.Result result;
            try {
                result = invoke(runtimeApi, function, Events.ok(BenchConfig.fanOutAlarm(1), episode), "updated");
            } finally {
                bench.statusHub.latency(0);
            }
            List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
            bench.statusHub.journal(false);
            times.add(result.exactMillis());
            notes.add(fanOutBreakdown(calls, result));
        }
        double median = Stats.median(times);
        double bound = 4 * LATENCY_MILLIS;
        int medianIndex = times.indexOf(times.stream().sorted().toList().get((times.size() - 1) / 2));
        bench.figures.add(new Figure(String.format(Locale.ROOT, "fan-out clear N=1, L=%d ms (median of %d)",
                LATENCY_MILLIS, times.size()), ms(median) + " ms",
                String.format(Locale.ROOT, "goal <= %s ms (4L +10%%)", ms(bound * 1.1)), median <= bound * 1.1,
                notes.get(medianIndex)));
    }

    /**
     * What the page's convergence costs: the StatusHub requests of a lone ALARM and of its OK on one service, and
     * which of them come after the event's own write (the re-read that checks the page, any correction).
     */
    private void convergenceCost(RuntimeApiEmulator runtimeApi, FunctionProcess function, long episode)
            throws Exception {
        bench.statusHub.resolveAll();
        for (String kind : List.of("ALARM -> create", "OK -> update")) {
            Thread.sleep(1100);
            bench.statusHub.journal(true);
            String event = kind.startsWith("ALARM") ? Events.alarm(BenchConfig.ONE_SERVICE_ALARM, episode)
                    : Events.ok(BenchConfig.ONE_SERVICE_ALARM, episode);
            invoke(runtimeApi, function, event, kind.startsWith("ALARM") ? "created" : "updated");
            List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
            bench.statusHub.journal(false);
            long firstWrite = calls.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.CREATE
                    || c.kind() == StatusHubStandIn.Kind.UPDATE).mapToLong(StatusHubStandIn.Call::arrivedNanos)
                    .min().orElse(Long.MAX_VALUE);
            long readsAfter = calls.stream().filter(c -> c.arrivedNanos() > firstWrite
                    && (c.kind() == StatusHubStandIn.Kind.LIST || c.kind() == StatusHubStandIn.Kind.GET)).count();
            long writesAfter = calls.stream().filter(c -> c.arrivedNanos() > firstWrite
                    && (c.kind() == StatusHubStandIn.Kind.CREATE || c.kind() == StatusHubStandIn.Kind.UPDATE))
                    .count();
            Map<StatusHubStandIn.Kind, Long> byKind = new java.util.EnumMap<>(StatusHubStandIn.Kind.class);
            calls.forEach(c -> byKind.merge(c.kind(), 1L, Long::sum));
            bench.figures.add(new Figure("(info) convergence cost, " + kind, "+" + readsAfter + " reads, +" + writesAfter
                    + " writes", "after the event's own write", null, "StatusHub requests of the event: " + byKind
                    + " (one service, nothing else open)"));
        }
    }

    /** Where the fan-out time went, from the stand-in's journal. */
    private static String fanOutBreakdown(List<StatusHubStandIn.Call> calls, RuntimeApiEmulator.Result result) {
        List<StatusHubStandIn.Call> reads = calls.stream()
                .filter(c -> c.kind() == StatusHubStandIn.Kind.LIST || c.kind() == StatusHubStandIn.Kind.GET)
                .toList();
        List<StatusHubStandIn.Call> writes = calls.stream()
                .filter(c -> c.kind() == StatusHubStandIn.Kind.CREATE || c.kind() == StatusHubStandIn.Kind.UPDATE)
                .sorted(Comparator.comparingLong(StatusHubStandIn.Call::arrivedNanos)).toList();
        if (writes.isEmpty()) {
            return reads.size() + " reads, no writes";
        }
        long firstWrite = writes.get(0).arrivedNanos();
        long lastWriteAnswered = writes.stream().mapToLong(StatusHubStandIn.Call::answeredNanos).max().orElse(0);
        long maintenances = calls.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.MAINTENANCES).count();
        return String.format(Locale.ROOT, "before 1st write %s ms (%d read%s%s), writes %s ms, after %s ms",
                ms(millis(firstWrite - result.handedOutNanos())), reads.size(), reads.size() == 1 ? "" : "s",
                maintenances == 0 ? "" : " + the maintenance list alongside",
                ms(millis(lastWriteAnswered - firstWrite)), ms(millis(result.answeredNanos() - lastWriteAnswered)));
    }
}
