package dev.alertbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.alertbridge.bench.Bench.*;

/**
 * The warm cost per event on the stack's floor (§7 of the design): JMH, in-process through the Lambda handler, the
 * bridge's package ({@link WarmEventBenchmark}: opens of a fresh alert; clears and three plain-socket exchanges for
 * scale) and the bare REST-client function's ({@link FloorBenchmark}: one call per event, and for information three
 * in one event), against the same StatusHub stand-in, with the same JVM flags, the same JMH settings and the same
 * idle pause before every event. The floor is measured in two halves, just before and just after the opens, and
 * pooled, so a machine that speeds up or slows down during the phase (other work beside it) moves both alike. The
 * bridge's own time is an open's median minus three of the floor's calls. Where the time goes is read from the
 * clocks: each measured event's start and end against the stand-in's journal of its requests.
 */
final class WarmPhase {
    /** An open and a clear each make three StatusHub exchanges (list, write, re-read). */
    static final int EXCHANGES = 3;
    private final Bench bench;
    /** Where the JMH forks leave their measured invocations' start and end. */
    private final Path times;
    private final List<StatusHubStandIn.Call> oursCalls = new ArrayList<>();
    private final List<StatusHubStandIn.Call> floorCalls = new ArrayList<>();

    WarmPhase(Bench bench) {
        this.bench = bench;
        this.times = bench.work.resolve("warm-times");
    }

    /** One benchmark's sample times, in ms (JMH's histogram, unrolled). */
    private record Sampled(List<Double> values) {
        double median() {
            return Stats.median(values);
        }

        long samples() {
            return values.size();
        }

        String value() {
            return String.format(Locale.ROOT, "%.2f / %.2f ms", median(), Stats.percentile(values, 99));
        }

        Sampled and(Sampled other) {
            List<Double> both = new ArrayList<>(values);
            both.addAll(other.values);
            return new Sampled(both);
        }
    }

    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        // A hub with a few incidents a week: the lookup's list is one page, as for most alerts. (Unpruned, the
        // bench's episodes a minute apart fill a week's list past 10, and every lookup reads a second page.)
        bench.statusHub.listsResolved(3);
        deleteTree(times);
        Files.createDirectories(times);
        int iterations = Integer.getInteger("bench.jmh.iterations", 6);
        int half = (iterations + 1) / 2;
        Map<String, Sampled> forScale = ours("(clear|exchange)", iterations);
        Map<String, Sampled> before = floor(half);
        Sampled open = ours("open", iterations).get("open");
        Map<String, Sampled> after = floor(half);
        Sampled floor = before.get("call").and(after.get("call"));
        Sampled threeCalls = before.get("threeCalls").and(after.get("threeCalls"));

        double floorOfThree = EXCHANGES * floor.median();
        double own = open.median() - floorOfThree;
        bench.figures.add(new Figure("warm open of a fresh alert, ours (JMH)", open.value(),
                "median / p99, for the own time below", null, "median / p99 of " + open.samples()
                        + " events, a new alarm each on one service: 3 StatusHub exchanges (list with the maintenance"
                        + " list alongside, create, re-read); stand-in latency 0, default settings, the list showing 3"
                        + " resolved incidents besides"));
        bench.figures.add(new Figure("warm call, bare + 1 REST-client call (JMH)", floor.value(),
                "the stack's floor, same run", null, "median / p99 of " + floor.samples() + " events of bench/bare-rest"
                        + " through its Lambda handler (half just before the opens, half just after), each one"
                        + " REST-client GET of the same incident list, after the same " + WarmEventBenchmark.IDLE_MILLIS
                        + " ms pause, same JVM flags"));
        bench.figures.add(new Figure("  the bridge's own time beyond the floor", String.format(Locale.ROOT,
                "%.2f ms", own), "goal <= 5 ms", own <= 5.0, String.format(Locale.ROOT,
                        "open %.2f - floor %d x %.2f = %.2f ms (each of the 3 with its own wake-up after the pause"
                                + " and its own Lambda invocation)", open.median(), EXCHANGES, floor.median(),
                        floorOfThree)));
        bench.figures.add(new Figure("(info) bare, 3 REST-client calls in 1 event", threeCalls.value(),
                "a stricter floor, same run", null, String.format(Locale.ROOT, "median / p99 of %d events, the 3"
                        + " calls in a row after the same pause (one wake-up, one invocation, as an open has); the"
                        + " open beyond it: %.2f ms", threeCalls.samples(), open.median() - threeCalls.median())));
        timeline("(info) an open, by the stand-in's clock", times.resolve("open.times"), oursCalls);
        timeline("(info) the floor's call, by the same clocks", times.resolve("call.times"), floorCalls);
        timeline("(info) bare's 3 calls, by the same clocks", times.resolve("threeCalls.times"), floorCalls);
        Sampled clear = forScale.get("clear");
        bench.figures.add(new Figure("(info) warm event: OK -> update (JMH)", clear.value(), "for scale", null,
                String.format(Locale.ROOT, "median / p99 of %d events (list, update, re-read), same settings; beyond"
                        + " the floor of 3: %.2f ms", clear.samples(), clear.median() - floorOfThree)));
        Sampled wire = forScale.get("exchange");
        bench.figures.add(new Figure("(info) 3 HTTP exchanges, plain socket (JMH)", wire.value(),
                "wire + stand-in, for scale", null, String.format(Locale.ROOT, "3 GETs of the incident list in a row"
                        + " after the same idle pause, no HTTP library; an open beyond them: %.2f ms (the REST client"
                        + " counted as the bridge's)", open.median() - wire.median())));
    }

    /** {@link WarmEventBenchmark}'s benchmarks whose names match {@code methods}, with the bridge's package. */
    private Map<String, Sampled> ours(String methods, int iterations) throws Exception {
        bench.statusHub.journal(true);
        Map<String, Sampled> sampled = jmh("ours-" + methods.replaceAll("\\W", ""), bench.oursRoot,
                WarmEventBenchmark.class.getName() + "." + methods + "$", Map.of(), iterations);
        oursCalls.addAll(bench.statusHub.journal());
        bench.statusHub.journal(false);
        return sampled;
    }

    /**
     * {@link FloorBenchmark} with the bare REST-client function's package, its calls GETs of the hub's incident list
     * (the list an open's lookup reads: the 3 resolved incidents, nothing open), checked to be answered as such.
     */
    private Map<String, Sampled> floor(int iterations) throws Exception {
        bench.statusHub.resolveAll();
        bench.statusHub.journal(true);
        long listsBefore = bench.statusHub.count(StatusHubStandIn.Kind.LIST);
        long othersBefore = bench.statusHub.count(StatusHubStandIn.Kind.OTHER);
        Map<String, Sampled> floor = jmh("bare-rest-" + (floorCalls.isEmpty() ? 1 : 2), bench.bareRestRoot,
                FloorBenchmark.class.getName() + ".(call|threeCalls)$", Map.of(
                        "BARE_CALL_URL", bench.statusHub.apiUrl() + "/hubs/acme/incidents",
                        "BARE_CALL_API_KEY", BenchConfig.API_KEY), iterations);
        floorCalls.addAll(bench.statusHub.journal());
        bench.statusHub.journal(false);
        long lists = bench.statusHub.count(StatusHubStandIn.Kind.LIST) - listsBefore;
        long others = bench.statusHub.count(StatusHubStandIn.Kind.OTHER) - othersBefore;
        long calls = floor.get("call").samples() + 3 * floor.get("threeCalls").samples();
        if (others > 0 || lists < calls) {
            throw new IllegalStateException("the bare function's calls were not answered with the incident list ("
                    + lists + " lists, " + others + " other answers for " + calls + " measured calls)");
        }
        return floor;
    }

    /** Where measured events' time went, from the function's clock and the stand-in's (the same clock). */
    private void timeline(String what, Path file, List<StatusHubStandIn.Call> calls) throws Exception {
        EventTimeline timeline = EventTimeline.of(file, calls);
        if (!timeline.isEmpty()) {
            bench.figures.add(new Figure(what, timeline.size() + " events", "where the time goes (medians)", null,
                    timeline.medians()));
        }
    }

    /**
     * Runs the JMH benchmarks matching {@code include} (a regular expression) in their own JVM with the function
     * package at {@code taskRoot} on the class path (as Lambda's class loader has it) and the function JVMs' flags;
     * their sample times by method name. The measured invocations' start and end go to {@link #times}.
     */
    private Map<String, Sampled> jmh(String label, Path taskRoot, String include, Map<String, String> extraEnv,
            int iterations) throws Exception {
        Path result = bench.work.resolve("jmh-" + label + ".json");
        Files.deleteIfExists(result);
        String classpath = String.join(":", bench.harnessClasspath, taskRoot.toString(),
                taskRoot.resolve("lib") + "/*");
        List<String> command = new ArrayList<>(List.of(bench.layout.java().toString(), "-cp", classpath,
                "org.openjdk.jmh.Main", include.replace(".", "\\."),
                "-f", "1", "-wi", System.getProperty("bench.jmh.warmupIterations", "2"),
                "-w", System.getProperty("bench.jmh.warmupTime", "3s"),
                "-i", Integer.toString(iterations),
                "-r", System.getProperty("bench.jmh.iterationTime", "4s"),
                "-rf", "json", "-rff", result.toString(), "-jvmArgs", String.join(" ", bench.jvmFlags)
                        + " -Dbench.statushubApi=" + bench.statusHub.apiUrl() + " -Dbench.timesDir=" + times
                        // Quarkus' Vert.x event loops outlive the trial: do not wait JMH's default 30 s for them.
                        + " -Djmh.shutdownTimeout=2 -Djmh.shutdownTimeout.step=1"));
        Map<String, String> env = bench.functionEnvironment(taskRoot, null, extraEnv);
        Path log = bench.layout.logs().resolve("jmh-" + label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        progress("JMH (%s): %s (log %s)", label, String.join(" ", command.subList(3, command.size())), log);
        Process jmh = builder.start();
        FunctionProcess.track(jmh);
        try {
            if (!jmh.waitFor(8, TimeUnit.MINUTES)) {
                throw new TimeoutException("JMH did not finish in 8 minutes");
            }
        } finally {
            FunctionProcess.kill(jmh);
            FunctionProcess.untrack(jmh);
        }
        if (jmh.exitValue() != 0 || !Files.exists(result)) {
            throw new IllegalStateException("JMH failed (exit " + jmh.exitValue() + "), see " + log + ":\n"
                    + tail(log, 30));
        }
        Map<String, Sampled> sampled = new LinkedHashMap<>();
        for (JsonNode run : JSON.readTree(result.toFile())) {
            String name = run.path("benchmark").asText();
            List<Double> values = new ArrayList<>(); // rawDataHistogram: forks -> iterations -> [value, count]
            for (JsonNode fork : run.path("primaryMetric").path("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        for (long n = bucket.get(1).asLong(); n > 0; n--) {
                            values.add(bucket.get(0).asDouble());
                        }
                    }
                }
            }
            sampled.put(name.substring(name.lastIndexOf('.') + 1), new Sampled(values));
        }
        return sampled;
    }
}
