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

/** Memory after 10,000 events and the Parameter Store reads per TTL, in one function process. */
final class MemoryPhase {
    private final Bench bench;

    MemoryPhase(Bench bench) {
        this.bench = bench;
    }


    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        bench.parameterStore.forgetReads();
        // Back-to-back bench.events would otherwise wait for StatusHub's 5 writes/s (10,000 bench.events: over half an hour):
        // raise the limits so the run measures the function, not the pacer.
        Map<String, String> settings = Map.of("BRIDGE_CONFIG_TTL", bench.ttlSeconds + "s",
                "BRIDGE_STATUSHUB_READS_PER_SECOND", "100000", "BRIDGE_STATUSHUB_WRITES_PER_SECOND", "100000");
        Set<Integer> checkpoints = new LinkedHashSet<>(List.of(Math.max(4, bench.events / 5 / 4 * 4),
                Math.max(4, bench.events * 3 / 5 / 4 * 4), bench.events));
        Map<Integer, long[]> rssAt = new LinkedHashMap<>();
        Map<Integer, double[]> heapAt = new LinkedHashMap<>();
        List<Double> eventMillis = new ArrayList<>();
        int failures = 0;
        long startedNanos;
        long endedNanos;
        List<Long> reads;
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, runtimeApi, settings), "memory")) {
            startedNanos = function.startedNanos();
            progress("%d bench.events: ALARM and OK of %s (Management API) and %s (integration URL), in turn", bench.events,
                    BenchConfig.ONE_SERVICE_ALARM, BenchConfig.HOOK_ALARM);
            long lastProgress = System.nanoTime();
            for (int i = 0; i < bench.events; i++) {
                long episode = 100_000 + i / 4;
                String event;
                String expected;
                switch (i % 4) {
                    case 0 -> {
                        event = Events.alarm(BenchConfig.ONE_SERVICE_ALARM, episode);
                        expected = "created";
                    }
                    case 1 -> {
                        event = Events.alarm(BenchConfig.HOOK_ALARM, episode);
                        expected = "created";
                    }
                    case 2 -> {
                        event = Events.ok(BenchConfig.ONE_SERVICE_ALARM, episode);
                        expected = "updated";
                    }
                    default -> {
                        event = Events.ok(BenchConfig.HOOK_ALARM, episode);
                        expected = "updated";
                    }
                }
                RuntimeApiEmulator.Result result = invoke(runtimeApi, function, event, null);
                if (!result.success() || !result.body().contains("\"result\":\"" + expected + "\"")) {
                    failures++;
                    if (failures <= 3) {
                        progress("event %d: unexpected answer %s", i + 1, abbreviate(result.body()));
                    }
                }
                eventMillis.add(result.exactMillis());
                if (checkpoints.contains(i + 1)) {
                    rssAt.put(i + 1, function.rssKb());
                    heapAt.put(i + 1, heapAfterGc(function.pid()));
                    progress("after %,d bench.events: RSS %s MB (peak %s MB), heap after GC %s MB, metaspace %s MB", i + 1,
                            mb(rssAt.get(i + 1)[0] * 1024), mb(rssAt.get(i + 1)[1] * 1024),
                            mb((long) heapAt.get(i + 1)[0]), mb((long) heapAt.get(i + 1)[1]));
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                    lastProgress = System.nanoTime();
                    progress("%,d bench.events...", i + 1);
                }
            }
            endedNanos = System.nanoTime();
            reads = bench.parameterStore.reads();
        }
        if (failures > 0) {
            throw new IllegalStateException(failures + " of " + bench.events + " bench.events did not do what they should");
        }
        int first = checkpoints.iterator().next();
        double heapFirst = heapAt.get(first)[0];
        double heapLast = heapAt.get(bench.events)[0];
        double growth = (heapLast - heapFirst) / heapFirst * 100;
        bench.figures.add(new Figure(String.format(Locale.ROOT, "heap after GC, after %,d bench.events", bench.events),
                mb((long) heapLast) + " MB", String.format(Locale.ROOT, "goal flat: <= +10%% since event %,d", first),
                growth <= 10, String.format(Locale.ROOT, "%+.1f%%; at %s: %s MB; metaspace %s MB", growth,
                        checkpoints.stream().map(c -> String.format(Locale.ROOT, "%,d", c))
                                .collect(Collectors.joining(" / ")),
                        heapAt.values().stream().map(h -> mb((long) h[0])).collect(Collectors.joining(" / ")),
                        mb((long) heapAt.get(bench.events)[1]))));
        long[] rss = rssAt.get(bench.events);
        bench.figures.add(new Figure(String.format(Locale.ROOT, "process RSS, after %,d bench.events", bench.events),
                mb(rss[0] * 1024) + " MB", "goal <= " + FunctionProcess.MEMORY_MB + " MB (the Lambda's memory)",
                rss[1] * 1024 <= FunctionProcess.MEMORY_MB * MB, "peak (VmHWM) " + mb(rss[1] * 1024)
                        + " MB; heap committed " + mb((long) heapAt.get(bench.events)[2]) + " MB, metaspace "
                        + mb((long) heapAt.get(bench.events)[1]) + " MB"));
        double seconds = (endedNanos - startedNanos) / 1e9;
        long allowed = (long) Math.floor(seconds / bench.ttlSeconds) + 1;
        bench.figures.add(new Figure(String.format(Locale.ROOT, "Parameter Store reads, 1 environment, %.0f s", seconds),
                Integer.toString(reads.size()), String.format(Locale.ROOT, "goal <= %d (1 per TTL of %d s)", allowed,
                        bench.ttlSeconds),
                reads.size() <= allowed, String.format(Locale.ROOT, "%,d bench.events; reads every %s s",
                        bench.events, readIntervals(reads))));
        bench.figures.add(new Figure("(info) real-loop time per event, same run", String.format(Locale.ROOT,
                "%.2f / %.2f ms", Stats.median(eventMillis), Stats.percentile(eventMillis, 99)), "median / p99", null,
                "Runtime API next -> response, back to back (no idle pause); pacing limits raised"));
    }

    private static String readIntervals(List<Long> reads) {
        if (reads.size() < 2) {
            return "-";
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < reads.size(); i++) {
            gaps.add((reads.get(i) - reads.get(i - 1)) / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f-%.1f", gaps.stream().min(Double::compare).orElse(0.0),
                gaps.stream().max(Double::compare).orElse(0.0));
    }

    /**
     * Full collections in a row that measure the live heap. A Lambda's JVM collects with Serial, whose mark-compact
     * leaves up to {@code MarkSweepDeadRatio} (5 %) of the old generation's dead objects where they lie, as filler
     * {@code int[]}s counted as used, except at every {@code MarkSweepAlwaysCompactCount}th (4th) full collection. One
     * collection per checkpoint read 1.3 MB of dead objects at some checkpoints and none at others, by where each fell
     * in that cycle; four in a row include the compacting one, and those after it find almost nothing new to leave.
     */
    private static final int FULL_COLLECTIONS = 4;

    /** Used heap (bytes) after full GCs that compact, metaspace used and heap committed, via the JDK's jcmd. */
    private double[] heapAfterGc(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (int i = 0; i < FULL_COLLECTIONS; i++) {
            jcmd(jcmd, pid, "GC.run");
        }
        String info = jcmd(jcmd, pid, "GC.heap_info");
        long usedKb = 0;
        long committedKb = 0;
        Matcher generation = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        while (generation.find()) {
            committedKb += Long.parseLong(generation.group(1));
            usedKb += Long.parseLong(generation.group(2));
        }
        Matcher metaspace = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(info);
        long metaKb = metaspace.find() ? Long.parseLong(metaspace.group(1)) : -1;
        if (usedKb == 0) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info);
        }
        return new double[] {usedKb * 1024.0, metaKb * 1024.0, committedKb * 1024.0};
    }

    private static String jcmd(Path jcmd, long pid, String command) throws Exception {
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
