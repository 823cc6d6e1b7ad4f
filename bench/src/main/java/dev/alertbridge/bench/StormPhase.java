package dev.alertbridge.bench;

import static dev.alertbridge.bench.Bench.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An alert storm with {@code "group": "service"} (README §7): {@value #ALARMS} CloudWatch alarms on one service fire
 * within a second, their ALARM events (EventBridge) spread over {@value #ENVIRONMENTS} execution environments (one
 * function process each, each event to one of them, every environment handling its events one at a time as Lambda
 * does), StatusHub answering after L and enforcing its per-key limits (5 writes and 30 GETs a second; the function
 * paces itself per environment, so three of them meet the limit as 429s). Later their OK events, the same way. §7:
 * one shared incident left open; writes ≤ 12 + 2k and notifying writes ≤ 1 + k, k the creates that raced and were
 * resolved as duplicates; the service down on the page after each clear but the last, the incident in Monitoring
 * only after the last. Also printed: the seconds until the page settled (its last write landed).
 */
final class StormPhase {
    /** StatusHub's id of the storm's service (Checkout), and of the warm-up's own. */
    static final long SERVICE = 101;
    static final long WARM_UP_SERVICE = 150;
    static final int ENVIRONMENTS = 3;
    /** Twelve alarms of one service, as a team has them: what a slow database sets off. */
    static final List<String> ALARM_NAMES = List.of("checkout-cpu", "checkout-latency-p99", "checkout-5xx",
            "checkout-db-connections", "checkout-latency-p50", "checkout-4xx", "checkout-db-latency",
            "checkout-queue-depth", "checkout-health-check", "checkout-throttles", "checkout-payment-errors",
            "checkout-memory");
    static final int ALARMS = ALARM_NAMES.size();
    /** The events of one wave are delivered over this long: EventBridge delivers a state change within a second. */
    static final Duration SPREAD = Duration.ofMillis(1000);
    /** The order the alarms clear in (not the order they fired), each OK to another environment than its ALARM. */
    private static final int[] CLEAR_ORDER = {4, 0, 9, 2, 11, 7, 1, 5, 10, 3, 8, 6};
    private static final Pattern RESULT = Pattern.compile("\"result\":\"(\\w+)\"");
    private final Bench bench;

    StormPhase(Bench bench) {
        this.bench = bench;
    }

    /** One event of a wave: which alarm, to which environment, when it was queued, its answer. */
    private record Delivery(String alarm, int environment, long queuedNanos,
            CompletableFuture<RuntimeApiEmulator.Result> answer) {
    }

    /** What the page showed right after an answer: the service's status, the shared incident's newest type. */
    private record PageAt(long nanos, String status, String type) {
    }

    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(false);
        bench.parameterStore.holds(BenchConfig.stormParameters(bench.statusHub));
        List<RuntimeApiEmulator> apis = new ArrayList<>();
        List<FunctionProcess> functions = new ArrayList<>();
        try {
            for (int e = 0; e < ENVIRONMENTS; e++) {
                RuntimeApiEmulator api = new RuntimeApiEmulator();
                apis.add(api);
                functions.add(FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, api, Map.of()), "storm-" + (e + 1)));
            }
            for (int e = 0; e < ENVIRONMENTS; e++) {
                warmUp(apis.get(e), functions.get(e), e + 1);
            }
            bench.statusHub.resolveAll(); // the warm-up's incidents are yesterday's, resolved
            Thread.sleep(1100); // every pacer idle, the key's window empty

            bench.statusHub.limitsPerKey(true);
            bench.statusHub.latency(LATENCY_MILLIS);
            bench.statusHub.journal(true);
            Instant[] opened = new Instant[ALARMS];
            List<Delivery> opens = deliver(apis, i -> i % ENVIRONMENTS, i -> ALARM_NAMES.get(i), i -> {
                opened[i] = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                return Events.alarm(ALARM_NAMES.get(i), opened[i]);
            }, null);
            List<RuntimeApiEmulator.Result> openAnswers = answers(opens, apis, functions);
            List<StatusHubStandIn.Call> openCalls = bench.statusHub.journal();
            List<String> open = openIncidents();
            String kept = open.size() == 1 ? open.get(0) : null;
            String afterOpens = bench.statusHub.pageStatus(SERVICE);

            Thread.sleep(1100); // the clears come later: a new second for the key's limits
            bench.statusHub.journal(true);
            List<PageAt> pages = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Delivery> clears = deliver(apis, j -> j % ENVIRONMENTS, j -> ALARM_NAMES.get(CLEAR_ORDER[j]), j -> {
                int i = CLEAR_ORDER[j];
                return Events.ok(ALARM_NAMES.get(i), opened[i], Instant.now().truncatedTo(ChronoUnit.MILLIS));
            }, result -> pages.add(new PageAt(result.answeredNanos(), bench.statusHub.pageStatus(SERVICE),
                    kept == null ? null : bench.statusHub.latestType(kept))));
            List<RuntimeApiEmulator.Result> clearAnswers = answers(clears, apis, functions);
            List<StatusHubStandIn.Call> clearCalls = bench.statusHub.journal();
            bench.statusHub.journal(false);

            reportOpens(opens, openAnswers, openCalls, open, afterOpens);
            reportClears(clears, clearAnswers, clearCalls, pages, kept);
            transcript(openCalls, clearCalls, kept);
        } finally {
            bench.statusHub.latency(0);
            bench.statusHub.limitsPerKey(false);
            bench.statusHub.journal(false);
            bench.parameterStore.holds(BenchConfig.parameters(bench.statusHub));
            functions.forEach(FunctionProcess::close);
            apis.forEach(RuntimeApiEmulator::close);
        }
    }

    /**
     * The environment's first events at L = 0, on the warm-up service of the same group policy: a create, a join, a
     * member's clear, the last clear; so the storm meets warm environments, as a running bridge's are.
     */
    private void warmUp(RuntimeApiEmulator api, FunctionProcess function, int environment) throws Exception {
        Instant opened = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String a = "warmup-" + environment + "-a";
        String b = "warmup-" + environment + "-b";
        invoke(api, function, Events.alarm(a, opened), "created");
        invoke(api, function, Events.alarm(b, opened.plusSeconds(5)), "updated");
        invoke(api, function, Events.ok(a, opened, opened.plusSeconds(20)), "updated");
        invoke(api, function, Events.ok(b, opened.plusSeconds(5), opened.plusSeconds(25)), "updated");
    }

    /**
     * Queues the wave's {@value #ALARMS} events, the n-th {@code n/ALARMS} of {@link #SPREAD} after the first, each to
     * its environment; {@code onAnswer} runs as each answer arrives.
     */
    private static List<Delivery> deliver(List<RuntimeApiEmulator> apis, IntFunction<Integer> environment,
            IntFunction<String> alarm, IntFunction<String> event,
            java.util.function.Consumer<RuntimeApiEmulator.Result> onAnswer) throws InterruptedException {
        List<Delivery> wave = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 0; n < ALARMS; n++) {
            long due = start + SPREAD.toNanos() * n / ALARMS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int e = environment.apply(n);
            String body = event.apply(n);
            long queued = System.nanoTime();
            CompletableFuture<RuntimeApiEmulator.Result> answer = apis.get(e).submit(body);
            if (onAnswer != null) {
                answer = answer.thenApply(result -> {
                    onAnswer.accept(result);
                    return result;
                });
            }
            wave.add(new Delivery(alarm.apply(n), e, queued, answer));
        }
        return wave;
    }

    private static List<RuntimeApiEmulator.Result> answers(List<Delivery> wave, List<RuntimeApiEmulator> apis,
            List<FunctionProcess> functions) throws Exception {
        List<RuntimeApiEmulator.Result> answers = new ArrayList<>();
        for (Delivery delivery : wave) {
            RuntimeApiEmulator.Result result = await(delivery.answer(), functions.get(delivery.environment()),
                    apis.get(delivery.environment()), RuntimeApiEmulator.FUNCTION_TIMEOUT.plusSeconds(30));
            if (!result.success()) {
                throw new IllegalStateException(delivery.alarm() + " failed: " + abbreviate(result.body()));
            }
            answers.add(result);
        }
        return answers;
    }

    /** The incidents of the storm's service still open (not resolved, not in Monitoring), oldest first. */
    private List<String> openIncidents() {
        List<String> open = new ArrayList<>();
        for (String id : bench.statusHub.incidentIds()) {
            String type = bench.statusHub.latestType(id);
            boolean storm = bench.statusHub.incident(id).path("incident_updates").get(0).path("service_statuses")
                    .findValues("service_id").stream().anyMatch(s -> s.asLong() == SERVICE);
            if (storm && (type.equals("investigating") || type.equals("identified"))) {
                open.add(id);
            }
        }
        return open;
    }

    private void reportOpens(List<Delivery> wave, List<RuntimeApiEmulator.Result> answers,
            List<StatusHubStandIn.Call> calls, List<String> open, String pageStatus) {
        List<StatusHubStandIn.Call> landed = calls.stream().filter(StatusHubStandIn.Call::landed).toList();
        long creates = landed.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.CREATE).count();
        // k: the creates that raced, each resolved by the bridge as opened twice.
        List<String> duplicates = landed.stream().filter(c -> c.kind() == StatusHubStandIn.Kind.UPDATE
                && "resolved".equals(c.body().path("incident_type").asText())).map(StatusHubStandIn.Call::incidentId)
                .distinct().toList();
        int k = duplicates.size();
        long notifying = landed.stream().filter(StatusHubStandIn.Call::notifies).count();
        String title = String.format(Locale.ROOT, "storm: %d alarms, 1 service, %d envs, L=%d ms", ALARMS,
                ENVIRONMENTS, LATENCY_MILLIS);
        boolean one = open.size() == 1 && "down".equals(pageStatus) && creates == 1 + k;
        bench.figures.add(new Figure(title, open.size() + " open, k = " + k, "goal 1 shared incident left open",
                one, String.format(Locale.ROOT, "k: %d create%s raced and resolved as duplicate%s%s; %d creates in "
                        + "all; the service %s on the page; answers %s", k, k == 1 ? "" : "s", k == 1 ? "" : "s",
                        duplicates.isEmpty() ? "" : " (incident " + String.join(", ", duplicates) + ")", creates,
                        pageStatus, results(answers))));
        long limit = ALARMS + 2L * k;
        bench.figures.add(new Figure("  storm opens: writes", landed.size() + " writes",
                "goal <= 12 + 2k = " + limit, landed.size() <= limit, String.format(Locale.ROOT,
                        "%d creates, %d updates (%d resolving a duplicate); refused with 429 and decided again: "
                                + "%d writes, %d GETs; %s",
                        creates, landed.size() - creates, k, refused(calls, true), refused(calls, false),
                        requests(calls))));
        bench.figures.add(new Figure("  storm opens: notifying writes", notifying + " notifying",
                "goal <= 1 + k = " + (1 + k), notifying <= 1 + k, String.format(Locale.ROOT,
                        "%d of %d writes sent \"silent\": true", landed.size() - notifying, landed.size())));
        bench.figures.add(settled("  storm opens: seconds to a settled page", wave, answers, landed));
    }

    private void reportClears(List<Delivery> wave, List<RuntimeApiEmulator.Result> answers,
            List<StatusHubStandIn.Call> calls, List<PageAt> pages, String kept) {
        List<StatusHubStandIn.Call> landed = calls.stream().filter(StatusHubStandIn.Call::landed).toList();
        // Right after each clear's answer: while an alarm's OK had not even been handed to an environment, the
        // alarm was still in error, so the service must show down and the incident stay open.
        long lastHandedOut = answers.stream().mapToLong(RuntimeApiEmulator.Result::handedOutNanos).max().orElse(0);
        StringBuilder seen = new StringBuilder();
        boolean right = kept != null;
        int monitoringAt = -1;
        List<PageAt> inOrder = pages.stream().sorted(Comparator.comparingLong(PageAt::nanos)).toList();
        for (int n = 0; n < inOrder.size(); n++) {
            PageAt page = inOrder.get(n);
            boolean stillOpen = page.nanos() < lastHandedOut;
            boolean monitoring = "monitoring".equals(page.type());
            if (monitoring && monitoringAt < 0) {
                monitoringAt = n + 1;
            }
            if (stillOpen && (!"down".equals(page.status()) || monitoring)) {
                right = false;
            }
            seen.append(seen.length() == 0 ? "" : " ").append(page.status().equals("down") ? "D" : "U")
                    .append(monitoring ? "m" : "");
        }
        // Between the answers, too: no write landing before the last OK was handed out brought the service up or
        // moved the incident to Monitoring.
        int early = 0;
        for (StatusHubStandIn.Call write : landed) {
            if (write.landedNanos() < lastHandedOut && (setsUp(write) || "monitoring".equals(write.body()
                    .path("incident_type").asText()))) {
                early++;
            }
        }
        String finalStatus = bench.statusHub.pageStatus(SERVICE);
        String finalType = kept == null ? null : bench.statusHub.latestType(kept);
        right &= early == 0 && "up".equals(finalStatus) && "monitoring".equals(finalType)
                && inOrder.size() == ALARMS && "monitoring".equals(inOrder.get(ALARMS - 1).type());
        long notifying = landed.stream().filter(StatusHubStandIn.Call::notifies).count();
        bench.figures.add(new Figure("  storm clears: the service after each clear",
                right ? "down until the last" : "WRONG", "goal up and Monitoring only after the last", right,
                String.format(Locale.ROOT, "after each answer (D down, U up, m Monitoring): %s; Monitoring from "
                        + "answer %s on; %d writes landed early; %d writes (%d notifying), 429s: %d writes, %d GETs; "
                        + "answers %s", seen, monitoringAt < 0 ? "never" : String.valueOf(monitoringAt), early,
                        landed.size(), notifying, refused(calls, true), refused(calls, false), results(answers))));
        bench.figures.add(settled("  storm clears: seconds to a settled page", wave, answers, landed));
    }

    /** From the first event queued to the wave's last landed write; for scale, 12 writes at 5 a second. */
    private static Figure settled(String what, List<Delivery> wave, List<RuntimeApiEmulator.Result> answers,
            List<StatusHubStandIn.Call> landed) {
        long first = wave.stream().mapToLong(Delivery::queuedNanos).min().orElse(0);
        long lastWrite = landed.stream().mapToLong(StatusHubStandIn.Call::landedNanos).max().orElse(first);
        long lastAnswer = answers.stream().mapToLong(RuntimeApiEmulator.Result::answeredNanos).max().orElse(first);
        long peak = ReconcilePhase.peakPerSecond(landed.stream().mapToLong(StatusHubStandIn.Call::arrivedNanos)
                .sorted().toArray());
        return new Figure(what, String.format(Locale.ROOT, "%.1f s", (lastWrite - first) / 1e9),
                "for scale: " + landed.size() + " writes at 5/s", null, String.format(Locale.ROOT,
                        "events queued over %.1f s; the last write landed at +%.2f s, the last answer at +%.2f s; "
                                + "at most %d writes landed in any 1 s",
                        (wave.get(wave.size() - 1).queuedNanos() - first) / 1e9, (lastWrite - first) / 1e9,
                        (lastAnswer - first) / 1e9, peak));
    }

    private static boolean setsUp(StatusHubStandIn.Call write) {
        for (JsonNode status : write.body().path("service_statuses")) {
            if (status.path("service_id").asLong() == SERVICE && "up".equals(status.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static long refused(List<StatusHubStandIn.Call> calls, boolean writes) {
        return calls.stream().filter(c -> c.status() == 429 && c.isWrite() == writes).count();
    }

    private static String requests(List<StatusHubStandIn.Call> calls) {
        Map<StatusHubStandIn.Kind, Integer> byKind = new java.util.EnumMap<>(StatusHubStandIn.Kind.class);
        calls.forEach(c -> byKind.merge(c.kind(), 1, Integer::sum));
        long peak = ReconcilePhase.peakPerSecond(calls.stream().filter(StatusHubStandIn.Call::isGet)
                .filter(c -> c.status() != 429).mapToLong(StatusHubStandIn.Call::arrivedNanos).sorted().toArray());
        return "StatusHub requests: " + byKind + ", at most " + peak + " GETs answered in any 1 s";
    }

    /** Every service outcome of the wave's answers, counted by result. */
    private static Map<String, Integer> results(List<RuntimeApiEmulator.Result> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RuntimeApiEmulator.Result answer : answers) {
            Matcher m = RESULT.matcher(answer.body());
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * What the public page read through the storm: every landed write in order (incident, type, silent, title,
     * statuses, text), into {@code bench/work/storm-page.txt}; the shared incident's create, first join and last
     * clear to the progress log.
     */
    private void transcript(List<StatusHubStandIn.Call> opens, List<StatusHubStandIn.Call> clears, String kept)
            throws IOException {
        List<StatusHubStandIn.Call> writes = new ArrayList<>();
        opens.stream().filter(StatusHubStandIn.Call::landed).forEach(writes::add);
        clears.stream().filter(StatusHubStandIn.Call::landed).forEach(writes::add);
        writes.sort(Comparator.comparingLong(StatusHubStandIn.Call::landedNanos));
        StringBuilder text = new StringBuilder();
        for (StatusHubStandIn.Call write : writes) {
            text.append(line(write)).append('\n');
        }
        Path file = bench.work.resolve("storm-page.txt");
        Files.writeString(file, text);
        progress("storm: every write the page received is in %s", file);
        List<StatusHubStandIn.Call> mine = writes.stream().filter(w -> w.incidentId().equals(kept)).toList();
        if (!mine.isEmpty()) {
            progress("storm page, the create: %s", line(mine.get(0)));
            mine.stream().skip(1).filter(w -> w.kind() == StatusHubStandIn.Kind.UPDATE).findFirst()
                    .ifPresent(w -> progress("storm page, a join: %s", line(w)));
            progress("storm page, the last clear: %s", line(mine.get(mine.size() - 1)));
        }
    }

    private static String line(StatusHubStandIn.Call write) {
        JsonNode body = write.body();
        return String.format(Locale.ROOT, "%s %s %s%s title=%s statuses=%s body=%s", write.kind(),
                write.incidentId(), body.path("incident_type").asText(), body.path("silent").asBoolean(false)
                        ? " silent" : "", body.has("title") ? JSON.valueToTree(body.path("title").asText())
                                : "(unchanged)", body.path("service_statuses"), body.path("body"));
    }
}
