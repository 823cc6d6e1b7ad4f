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

/** The warm cost per event, by JMH in its own JVM, through the Lambda handler in-process. */
final class WarmPhase {
    private final Bench bench;

    WarmPhase(Bench bench) {
        this.bench = bench;
    }


    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        // A hub with a few incidents a week: the lookup's list is one page, as for most alerts. (Unpruned, the
        // bench's episodes a minute apart fill a week's list past 10, and every lookup reads a second page.)
        bench.statusHub.listsResolved(3);
        Path result = bench.work.resolve("jmh-result.json");
        Files.deleteIfExists(result);
        String classpath = String.join(":", bench.harnessClasspath, bench.oursRoot.toString(), bench.oursRoot.resolve("lib") + "/*");
        List<String> command = new ArrayList<>(List.of(bench.layout.java().toString(), "-cp", classpath,
                "org.openjdk.jmh.Main", WarmEventBenchmark.class.getName(),
                "-f", "1", "-wi", System.getProperty("bench.jmh.warmupIterations", "2"),
                "-w", System.getProperty("bench.jmh.warmupTime", "3s"),
                "-i", System.getProperty("bench.jmh.iterations", "6"),
                "-r", System.getProperty("bench.jmh.iterationTime", "4s"),
                "-rf", "json", "-rff", result.toString(), "-jvmArgs", String.join(" ", bench.jvmFlags)
                        + " -Dbench.statushubApi=" + bench.statusHub.apiUrl()
                        // Quarkus' Vert.x event loops outlive the trial: do not wait JMH's default 30 s for them.
                        + " -Djmh.shutdownTimeout=2 -Djmh.shutdownTimeout.step=1"));
        Map<String, String> env = bench.functionEnvironment(bench.oursRoot, null, Map.of());
        Path log = bench.layout.logs().resolve("jmh.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(bench.oursRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        progress("JMH: %s (log %s)", String.join(" ", command.subList(3, command.size())), log);
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
        JsonNode runs = JSON.readTree(result.toFile());
        double exchange = Double.NaN;
        for (JsonNode run : runs) {
            if (run.path("benchmark").asText().endsWith(".exchange")) {
                JsonNode percentiles = run.path("primaryMetric").path("scorePercentiles");
                exchange = percentiles.path("50.0").asDouble(Double.NaN);
                bench.figures.add(new Figure("(info) 3 HTTP exchanges, plain socket (JMH)", String.format(Locale.ROOT,
                        "%.2f / %.2f ms", exchange, percentiles.path("99.0").asDouble(Double.NaN)),
                        "wire + stand-in, for scale", null,
                        "median / p99 of 3 GETs of the incident list in a row after the same idle pause, no HTTP library"));
            }
        }
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText();
            String kind = name.substring(name.lastIndexOf('.') + 1);
            if (kind.equals("exchange")) {
                continue; // printed above, for scale
            }
            JsonNode metric = run.path("primaryMetric");
            double p50 = metric.path("scorePercentiles").path("50.0").asDouble(Double.NaN);
            double p99 = metric.path("scorePercentiles").path("99.0").asDouble(Double.NaN);
            long samples = 0; // rawDataHistogram: forks -> iterations -> [value, count] pairs
            for (JsonNode fork : metric.path("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        samples += bucket.get(1).asLong();
                    }
                }
            }
            String what = kind.equals("open") ? "warm event: ALARM -> create (JMH)" : "warm event: OK -> update (JMH)";
            bench.figures.add(new Figure(what, String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99),
                    "for scale (the goal is the own time)", null,
                    "median / p99 of " + samples + " bench.events, one service, stand-in latency 0, default settings, "
                            + "the list showing 3 resolved incidents besides"));
            bench.figures.add(new Figure("  of which the bridge's own time (estimate)", String.format(Locale.ROOT,
                    "%.2f ms", p50 - exchange), "goal <= 5 ms", p50 - exchange <= 5.0,
                    "median minus the 3 plain exchanges: its 3 StatusHub round trips (" + (kind.equals("open")
                            ? "list with the maintenance list alongside, create, re-read"
                            : "list, update, re-read") + ") over its HTTP client"));
        }
    }
}
