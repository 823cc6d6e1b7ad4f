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

/**
 * The benchmark of the design's measured goals (README, Benchmark), run by {@code bench/run.sh}: prints one line per figure, its unit, the goal and
 * whether it is met. Progress goes to stderr, the figures to stdout.
 *
 * <p>Options are system properties ({@code -Dbench.x=...}), all set by run.sh: {@code bench.function} and
 * {@code bench.bare} (the two function.zip files), {@code bench.ric} (the runtime's class path folder),
 * {@code bench.work} (scratch folder), {@code bench.harnessClasspath} (for the JMH run), {@code bench.phases}
 * (package,cold,warm,fanout,memory), {@code bench.coldRuns} (5), {@code bench.events} (10000),
 * {@code bench.fanoutTrials} (3), {@code bench.ttlSeconds} (5), {@code bench.jvmFlags}, and for JMH
 * {@code bench.jmh.warmupIterations} (2), {@code bench.jmh.warmupTime} (3s), {@code bench.jmh.iterations} (6),
 * {@code bench.jmh.iterationTime} (4s).
 */
public final class Bench {
    /**
     * A Lambda JVM of {@value FunctionProcess#MEMORY_MB} MB: the managed Java runtime's launcher flags (heap 85% of
     * the memory, serial GC, CDS), the template's JAVA_TOOL_OPTIONS (C1 only), and MaxRAM so that the JVM sizes
     * itself (initial heap etc.) for a 256 MB machine, not for this one.
     */
    static final String DEFAULT_JVM_FLAGS = "-XX:MaxRAM=256m -XX:MaxHeapSize=222823k -XX:+UseSerialGC -Xshare:auto "
            + "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true";
    private static final double MB = 1024.0 * 1024.0;
    private static final long LATENCY_MILLIS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream PROGRESS = System.err;

    private final Path functionZip;
    private final Path bareZip;
    /** The bare function that makes one REST-client call per event: the floor of the bridge's own stack. */
    private final Path bareRestZip;
    private final Path work;
    private final Path ricDir;
    private final String harnessClasspath;
    private final Set<String> phases;
    private final int coldRuns;
    private final int events;
    private final int fanOutTrials;
    private final int ttlSeconds;
    private final List<String> jvmFlags;
    private final List<Figure> figures = new ArrayList<>();
    private FunctionProcess.Layout layout;
    private Path oursRoot;
    private Path bareRoot;
    private Path bareRestRoot;
    private ParameterStoreStandIn parameterStore;
    private StatusHubStandIn statusHub;

    /** One printed line. {@code met} is null for figures without a goal. */
    record Figure(String what, String value, String goal, Boolean met, String note) {
        String line() {
            String verdict = met == null ? "" : met ? "[ok]" : "[MISS]";
            return String.format(Locale.ROOT, "%-46s: %-18s %-34s %-6s %s", what, value, goal, verdict,
                    note == null ? "" : note).stripTrailing();
        }
    }

    private Bench() {
        functionZip = Path.of(required("bench.function"));
        bareZip = Path.of(required("bench.bare"));
        bareRestZip = Path.of(required("bench.bareRest"));
        work = Path.of(required("bench.work"));
        ricDir = Path.of(required("bench.ric"));
        harnessClasspath = required("bench.harnessClasspath");
        phases = new LinkedHashSet<>(Arrays.asList(System.getProperty("bench.phases",
                "package,cold,warm,fanout,memory").split(",")));
        coldRuns = Integer.getInteger("bench.coldRuns", 5);
        events = Integer.getInteger("bench.events", 10_000);
        fanOutTrials = Integer.getInteger("bench.fanoutTrials", 3);
        ttlSeconds = Integer.getInteger("bench.ttlSeconds", 5);
        String flags = System.getProperty("bench.jvmFlags", "");
        jvmFlags = List.of((flags.isBlank() ? DEFAULT_JVM_FLAGS : flags).trim().split("\\s+"));
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        int status;
        try {
            status = bench.run();
        } finally {
            bench.close();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        prepare();
        header();
        if (phases.contains("package")) {
            guarded("package size", this::packageSize);
        }
        if (phases.contains("cold")) {
            guarded("cold start", this::coldStart);
        }
        if (phases.contains("warm")) {
            guarded("warm cost per event", this::warm);
        }
        if (phases.contains("fanout")) {
            guarded("fan-out", this::fanOut);
        }
        if (phases.contains("memory")) {
            guarded("memory and Parameter Store reads", this::memoryAndConfigReads);
        }
        System.out.println();
        for (Figure figure : figures) {
            System.out.println(figure.line());
        }
        long missed = figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).count();
        System.out.printf(Locale.ROOT, "%n%d figures, %d goals met, %d missed; bench took %d s (machine load %s)%n",
                figures.size(), figures.stream().filter(f -> Boolean.TRUE.equals(f.met())).count(), missed,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), loadAverage());
        boolean errors = figures.stream().anyMatch(f -> f.value().equals("error"));
        return errors ? 2 : 0;
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void guarded(String name, Phase phase) {
        progress("== %s", name);
        try {
            phase.run();
        } catch (Exception | AssertionError e) {
            progress("!! %s failed: %s", name, e);
            figures.add(new Figure(name, "error", "", false, String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse("")));
        }
    }

    // ---------------------------------------------------------------- set-up

    private void prepare() throws IOException {
        Files.createDirectories(work);
        Path logs = work.resolve("logs");
        deleteTree(logs);
        Files.createDirectories(logs);
        oursRoot = unzip(functionZip, work.resolve("task-ours"));
        bareRoot = unzip(bareZip, work.resolve("task-bare"));
        bareRestRoot = unzip(bareRestZip, work.resolve("task-bare-rest"));
        Path jni = extractJni(work.resolve("jni"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        layout = new FunctionProcess.Layout(java, ricDir, jni, jvmFlags, logs);
        parameterStore = new ParameterStoreStandIn();
        statusHub = new StatusHubStandIn(BenchConfig.API_KEY);
        parameterStore.holds(BenchConfig.parameters(statusHub));
    }

    private void close() {
        if (parameterStore != null) {
            parameterStore.close();
        }
        if (statusHub != null) {
            statusHub.close();
        }
    }

    private void header() {
        System.out.printf(Locale.ROOT, "StatusHub Alert Bridge benchmark, %s, %d CPUs, load %s, Java %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"));
        System.out.printf("function JVMs (%d MB Lambda): %s%n", FunctionProcess.MEMORY_MB, String.join(" ", jvmFlags));
        System.out.printf("runtime loop: %s (%s), everything on 127.0.0.1%n", FunctionProcess.RIC_MAIN,
                ricDir.getFileName());
    }

    /** The function package as Lambda unpacks it into /var/task. */
    private static Path unzip(Path zip, Path target) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no package at " + zip + ": build it first");
        }
        deleteTree(target);
        Files.createDirectories(target);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target;
    }

    /**
     * The RIC's JNI client, unpacked once. Left to itself the RIC copies it to /tmp/.libaws-lambda-jni.so on every
     * start (one shared path, racy between concurrent runs); its {@value FunctionProcess#JNI_PROPERTY} property
     * points it here instead. Both functions get the same treatment.
     */
    private Path extractJni(Path folder) throws IOException {
        Path ric;
        try (Stream<Path> jars = Files.list(ricDir)) {
            ric = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no RIC jar in " + ricDir));
        }
        Files.createDirectories(folder);
        Path library = folder.resolve("libaws-lambda-jni.so");
        try (ZipFile jar = new ZipFile(ric.toFile())) {
            ZipEntry entry = jar.getEntry("jni/libaws-lambda-jni.linux-x86_64.so");
            if (entry == null || !System.getProperty("os.arch").matches("amd64|x86_64")) {
                entry = jar.getEntry("jni/libaws-lambda-jni.linux-aarch_64.so");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return library;
    }

    // ---------------------------------------------------------------- package

    private void packageSize() throws IOException {
        long bytes = Files.size(functionZip);
        long unzipped;
        try (Stream<Path> files = Files.walk(oursRoot)) {
            unzipped = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        figures.add(new Figure("package size (target/function.zip)", mb(bytes) + " MB", "goal <= 20 MB",
                bytes <= 20 * MB, String.format(Locale.ROOT, "%,d bytes; %s MB unzipped", bytes, mb(unzipped))));
    }

    // ---------------------------------------------------------------- cold start

    /** One cold start; for ours also when, into the first event, Parameter Store and StatusHub were first called. */
    private record Cold(double totalMillis, double initMillis, double firstEventMillis, double configReadMillis,
            double firstStatusHubCallMillis) {
    }

    private void coldStart() throws Exception {
        statusHub.latency(0);
        statusHub.personResolves(true);
        progress("one unmeasured start of each first (page cache), then %d measured starts of each, alternating",
                coldRuns);
        coldRun("ours", oursRoot, -1);
        coldRun("bare-rest", bareRestRoot, -1);
        coldRun("bare", bareRoot, -1);
        List<Cold> ours = new ArrayList<>();
        List<Cold> bareRest = new ArrayList<>();
        List<Cold> bare = new ArrayList<>();
        for (int i = 1; i <= coldRuns; i++) {
            ours.add(coldRun("ours", oursRoot, i));
            bareRest.add(coldRun("bare-rest", bareRestRoot, i));
            bare.add(coldRun("bare", bareRoot, i));
        }
        double oursMedian = Stats.median(ours.stream().map(Cold::totalMillis).toList());
        double bareRestMedian = Stats.median(bareRest.stream().map(Cold::totalMillis).toList());
        double bareMedian = Stats.median(bare.stream().map(Cold::totalMillis).toList());
        figures.add(new Figure("cold start, ours (median of " + coldRuns + ")", ms(oursMedian) + " ms",
                "goal <= 1.3x bare with REST client", null, breakdown(ours)));
        figures.add(new Figure("cold start, bare + 1 REST-client call (median)", ms(bareRestMedian) + " ms",
                "the stack's floor, same run", null, breakdown(bareRest)));
        figures.add(new Figure("cold start, bare Quarkus Lambda (median of " + coldRuns + ")",
                ms(bareMedian) + " ms", "baseline, same run", null, breakdown(bare)));
        double ratio = oursMedian / bareRestMedian;
        figures.add(new Figure("cold start ratio ours / bare with REST client",
                String.format(Locale.ROOT, "%.2f x", ratio), "goal <= 1.30 x", ratio <= 1.3,
                String.format(Locale.ROOT, "ours / bare without it: %.2f x", oursMedian / bareMedian)));

        progress("%d starts of ours as a SnapStart init (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): primed before "
                + "the emulated snapshot, then the first event", coldRuns);
        List<Cold> primed = new ArrayList<>();
        for (int i = 1; i <= coldRuns; i++) {
            primed.add(coldRun("ours-snapstart", oursRoot, i));
        }
        double firstEvent = Stats.median(primed.stream().map(Cold::firstEventMillis).toList());
        double onDemandFirstEvent = Stats.median(ours.stream().map(Cold::firstEventMillis).toList());
        double bareFirstEvent = Stats.median(bare.stream().map(Cold::firstEventMillis).toList());
        figures.add(new Figure("first event after a SnapStart init", ms(firstEvent) + " ms",
                "goal <= 50 ms and <= 3x bare's " + ms(bareFirstEvent),
                firstEvent <= 50 && firstEvent <= 3 * bareFirstEvent, String.format(Locale.ROOT,
                        "median of %d; on demand %s ms; init with priming %s ms; plus Lambda's restore, which cannot "
                                + "be measured here; runs: %s", coldRuns, ms(onDemandFirstEvent),
                        ms(Stats.median(primed.stream().map(Cold::initMillis).toList())),
                        primed.stream().map(c -> ms(c.firstEventMillis())).collect(Collectors.joining(" ")))));
    }

    private static String breakdown(List<Cold> runs) {
        String calls = runs.get(0).configReadMillis() < 0 ? ""
                : String.format(Locale.ROOT, " (config read at +%s, 1st StatusHub call at +%s)",
                        ms(Stats.median(runs.stream().map(Cold::configReadMillis).toList())),
                        ms(Stats.median(runs.stream().map(Cold::firstStatusHubCallMillis).toList())));
        return String.format(Locale.ROOT, "medians: JVM start -> runtime ready %s ms, first event %s ms%s; runs: %s",
                ms(Stats.median(runs.stream().map(Cold::initMillis).toList())),
                ms(Stats.median(runs.stream().map(Cold::firstEventMillis).toList())), calls,
                runs.stream().map(c -> ms(c.totalMillis())).collect(Collectors.joining(" ")));
    }

    /** A fresh execution environment handles one ALARM event: JVM spawn → the emulator has the response. */
    private Cold coldRun(String which, Path taskRoot, int run) throws Exception {
        statusHub.reset();
        statusHub.journal(true);
        parameterStore.forgetReads();
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator()) {
            CompletableFuture<RuntimeApiEmulator.Result> answer = runtimeApi
                    .submit(Events.alarm(BenchConfig.ONE_SERVICE_ALARM, 1));
            Map<String, String> env = functionEnvironment(taskRoot, runtimeApi, which.endsWith("-snapstart")
                    ? Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                    : which.equals("bare-rest") ? Map.of("BARE_CALL_URL", statusHub.apiUrl() + "/hubs/bench/incidents")
                            : Map.of());
            String label = "cold-" + which + "-" + (run < 0 ? "unmeasured" : Integer.toString(run));
            try (FunctionProcess function = FunctionProcess.start(layout, taskRoot, env, label)) {
                RuntimeApiEmulator.Result result = await(answer, function, runtimeApi, Duration.ofSeconds(60));
                if (which.startsWith("ours")) {
                    expect(result, "\"result\":\"created\"", function);
                }
                List<Long> reads = parameterStore.reads();
                List<StatusHubStandIn.Call> calls = statusHub.journal();
                statusHub.journal(false);
                Cold cold = new Cold(millis(result.answeredNanos() - function.startedNanos()),
                        millis(runtimeApi.firstPollNanos() - function.startedNanos()), result.exactMillis(),
                        reads.isEmpty() ? -1 : millis(reads.get(0) - result.handedOutNanos()),
                        calls.isEmpty() ? -1 : millis(calls.stream().mapToLong(StatusHubStandIn.Call::arrivedNanos)
                                .min().getAsLong() - result.handedOutNanos()));
                progress("cold start %s %s: %s ms (runtime ready %s ms, first event %s ms%s)", which,
                        run < 0 ? "unmeasured" : run + "/" + coldRuns, ms(cold.totalMillis()), ms(cold.initMillis()),
                        ms(cold.firstEventMillis()), cold.configReadMillis() < 0 ? ""
                                : ": config read at +" + ms(cold.configReadMillis()) + ", 1st StatusHub call at +"
                                        + ms(cold.firstStatusHubCallMillis()));
                return cold;
            }
        }
    }

    // ---------------------------------------------------------------- warm (JMH)

    private void warm() throws Exception {
        statusHub.reset();
        statusHub.latency(0);
        statusHub.personResolves(true);
        Path result = work.resolve("jmh-result.json");
        Files.deleteIfExists(result);
        String classpath = String.join(":", harnessClasspath, oursRoot.toString(), oursRoot.resolve("lib") + "/*");
        List<String> command = new ArrayList<>(List.of(layout.java().toString(), "-cp", classpath,
                "org.openjdk.jmh.Main", WarmEventBenchmark.class.getName(),
                "-f", "1", "-wi", System.getProperty("bench.jmh.warmupIterations", "2"),
                "-w", System.getProperty("bench.jmh.warmupTime", "3s"),
                "-i", System.getProperty("bench.jmh.iterations", "6"),
                "-r", System.getProperty("bench.jmh.iterationTime", "4s"),
                "-rf", "json", "-rff", result.toString(), "-jvmArgs", String.join(" ", jvmFlags)
                        + " -Dbench.statushubApi=" + statusHub.apiUrl()
                        // Quarkus' Vert.x event loops outlive the trial: do not wait JMH's default 30 s for them.
                        + " -Djmh.shutdownTimeout=2 -Djmh.shutdownTimeout.step=1"));
        Map<String, String> env = functionEnvironment(oursRoot, null, Map.of());
        Path log = layout.logs().resolve("jmh.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(oursRoot.toFile()).redirectErrorStream(true)
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
                figures.add(new Figure("(info) one HTTP exchange, plain socket (JMH)", String.format(Locale.ROOT,
                        "%.2f / %.2f ms", exchange, percentiles.path("99.0").asDouble(Double.NaN)),
                        "wire + stand-in, for scale", null,
                        "median / p99 of a GET of the incident list after the same idle pause, no HTTP library"));
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
            figures.add(new Figure(what, String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99),
                    "for scale (the goal is the own time)", null,
                    "median / p99 of " + samples + " events, one service, stand-in latency 0, default settings"));
            figures.add(new Figure("  of which the bridge's own time (estimate)", String.format(Locale.ROOT,
                    "%.2f ms", p50 - 3 * exchange), "goal <= 5 ms", p50 - 3 * exchange <= 5.0,
                    "median minus 3 plain exchanges: its 3 StatusHub calls (" + (kind.equals("open")
                            ? "list, create, duplicate check" : "list, read, update") + ") over its HTTP client"));
        }
    }

    // ---------------------------------------------------------------- fan-out

    private void fanOut() throws Exception {
        statusHub.reset();
        statusHub.latency(0);
        statusHub.personResolves(true);
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(layout, oursRoot,
                        functionEnvironment(oursRoot, runtimeApi, Map.of()), "fan-out")) {
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
                for (int trial = 1; trial <= fanOutTrials; trial++) {
                    statusHub.resolveAll(); // yesterday's incidents are closed: the lookup reads no old ones
                    Thread.sleep(1100);     // the pacers are idle (even a per-second window), as for a lone alert
                    statusHub.journal(true);
                    statusHub.latency(LATENCY_MILLIS);
                    RuntimeApiEmulator.Result result;
                    try {
                        result = invoke(runtimeApi, function, Events.alarm(BenchConfig.fanOutAlarm(n), ++episode),
                                null);
                    } finally {
                        statusHub.latency(0);
                    }
                    int created = count(result.body(), "\"result\":\"created\"");
                    if (created != n) {
                        throw new IllegalStateException("fan-out to " + n + " services created " + created + ": "
                                + result.body());
                    }
                    List<StatusHubStandIn.Call> calls = statusHub.journal();
                    statusHub.journal(false);
                    times.add(result.exactMillis());
                    notes.add(fanOutBreakdown(calls, result));
                    progress("fan-out N=%d trial %d/%d: %s ms (%s)", n, trial, fanOutTrials, ms(result.exactMillis()),
                            notes.get(notes.size() - 1));
                }
                double median = Stats.median(times);
                // README §7: an open looks up, writes and checks for a duplicate: 3L for one service; many services
                // are written in parallel, paced to 5 writes a second.
                double bound = Math.max(3 * LATENCY_MILLIS, n * 1000.0 / 5);
                int medianIndex = times.indexOf(times.stream().sorted().toList().get((times.size() - 1) / 2));
                figures.add(new Figure(String.format(Locale.ROOT, "fan-out open N=%d, L=%d ms (median of %d)", n,
                        LATENCY_MILLIS, times.size()), ms(median) + " ms",
                        String.format(Locale.ROOT, "goal <= %s ms (max(3L,N/5 s) +10%%)", ms(bound * 1.1)),
                        median <= bound * 1.1, notes.get(medianIndex)));
            }
            fanOutClear(runtimeApi, function, ++episode);
        }
    }

    /** A clear on one service at latency L: look up, read the incident, write, re-read (README §7: 4L + 10 %). */
    private void fanOutClear(RuntimeApiEmulator runtimeApi, FunctionProcess function, long episode)
            throws Exception {
        List<Double> times = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int trial = 1; trial <= fanOutTrials; trial++, episode++) {
            statusHub.resolveAll();
            invoke(runtimeApi, function, Events.alarm(BenchConfig.fanOutAlarm(1), episode), "created");
            Thread.sleep(1100);
            statusHub.journal(true);
            statusHub.latency(LATENCY_MILLIS);
            RuntimeApiEmulator.Result result;
            try {
                result = invoke(runtimeApi, function, Events.ok(BenchConfig.fanOutAlarm(1), episode), "updated");
            } finally {
                statusHub.latency(0);
            }
            List<StatusHubStandIn.Call> calls = statusHub.journal();
            statusHub.journal(false);
            times.add(result.exactMillis());
            notes.add(fanOutBreakdown(calls, result));
        }
        double median = Stats.median(times);
        double bound = 4 * LATENCY_MILLIS;
        int medianIndex = times.indexOf(times.stream().sorted().toList().get((times.size() - 1) / 2));
        figures.add(new Figure(String.format(Locale.ROOT, "fan-out clear N=1, L=%d ms (median of %d)",
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
        statusHub.resolveAll();
        for (String kind : List.of("ALARM -> create", "OK -> update")) {
            Thread.sleep(1100);
            statusHub.journal(true);
            String event = kind.startsWith("ALARM") ? Events.alarm(BenchConfig.ONE_SERVICE_ALARM, episode)
                    : Events.ok(BenchConfig.ONE_SERVICE_ALARM, episode);
            invoke(runtimeApi, function, event, kind.startsWith("ALARM") ? "created" : "updated");
            List<StatusHubStandIn.Call> calls = statusHub.journal();
            statusHub.journal(false);
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
            figures.add(new Figure("(info) convergence cost, " + kind, "+" + readsAfter + " reads, +" + writesAfter
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
        return String.format(Locale.ROOT, "before 1st write %s ms (%d read%s), writes %s ms, after %s ms",
                ms(millis(firstWrite - result.handedOutNanos())), reads.size(), reads.size() == 1 ? "" : "s",
                ms(millis(lastWriteAnswered - firstWrite)), ms(millis(result.answeredNanos() - lastWriteAnswered)));
    }

    // ---------------------------------------------------------------- memory and Parameter Store reads

    private void memoryAndConfigReads() throws Exception {
        statusHub.reset();
        statusHub.latency(0);
        statusHub.personResolves(true);
        parameterStore.forgetReads();
        // Back-to-back events would otherwise wait for StatusHub's 5 writes/s (10,000 events: over half an hour):
        // raise the limits so the run measures the function, not the pacer.
        Map<String, String> settings = Map.of("BRIDGE_CONFIG_TTL", ttlSeconds + "s",
                "BRIDGE_STATUSHUB_READS_PER_SECOND", "100000", "BRIDGE_STATUSHUB_WRITES_PER_SECOND", "100000");
        Set<Integer> checkpoints = new LinkedHashSet<>(List.of(Math.max(4, events / 5 / 4 * 4),
                Math.max(4, events * 3 / 5 / 4 * 4), events));
        Map<Integer, long[]> rssAt = new LinkedHashMap<>();
        Map<Integer, double[]> heapAt = new LinkedHashMap<>();
        List<Double> eventMillis = new ArrayList<>();
        int failures = 0;
        long startedNanos;
        long endedNanos;
        List<Long> reads;
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(layout, oursRoot,
                        functionEnvironment(oursRoot, runtimeApi, settings), "memory")) {
            startedNanos = function.startedNanos();
            progress("%d events: ALARM and OK of %s (Management API) and %s (integration URL), in turn", events,
                    BenchConfig.ONE_SERVICE_ALARM, BenchConfig.HOOK_ALARM);
            long lastProgress = System.nanoTime();
            for (int i = 0; i < events; i++) {
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
                    progress("after %,d events: RSS %s MB (peak %s MB), heap after GC %s MB, metaspace %s MB", i + 1,
                            mb(rssAt.get(i + 1)[0] * 1024), mb(rssAt.get(i + 1)[1] * 1024),
                            mb((long) heapAt.get(i + 1)[0]), mb((long) heapAt.get(i + 1)[1]));
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                    lastProgress = System.nanoTime();
                    progress("%,d events...", i + 1);
                }
            }
            endedNanos = System.nanoTime();
            reads = parameterStore.reads();
        }
        if (failures > 0) {
            throw new IllegalStateException(failures + " of " + events + " events did not do what they should");
        }
        int first = checkpoints.iterator().next();
        double heapFirst = heapAt.get(first)[0];
        double heapLast = heapAt.get(events)[0];
        double growth = (heapLast - heapFirst) / heapFirst * 100;
        figures.add(new Figure(String.format(Locale.ROOT, "heap after GC, after %,d events", events),
                mb((long) heapLast) + " MB", String.format(Locale.ROOT, "goal flat: <= +10%% since event %,d", first),
                growth <= 10, String.format(Locale.ROOT, "%+.1f%%; at %s: %s MB; metaspace %s MB", growth,
                        checkpoints.stream().map(c -> String.format(Locale.ROOT, "%,d", c))
                                .collect(Collectors.joining(" / ")),
                        heapAt.values().stream().map(h -> mb((long) h[0])).collect(Collectors.joining(" / ")),
                        mb((long) heapAt.get(events)[1]))));
        long[] rss = rssAt.get(events);
        figures.add(new Figure(String.format(Locale.ROOT, "process RSS, after %,d events", events),
                mb(rss[0] * 1024) + " MB", "goal <= " + FunctionProcess.MEMORY_MB + " MB (the Lambda's memory)",
                rss[1] * 1024 <= FunctionProcess.MEMORY_MB * MB, "peak (VmHWM) " + mb(rss[1] * 1024)
                        + " MB; heap committed " + mb((long) heapAt.get(events)[2]) + " MB, metaspace "
                        + mb((long) heapAt.get(events)[1]) + " MB"));
        double seconds = (endedNanos - startedNanos) / 1e9;
        long allowed = (long) Math.floor(seconds / ttlSeconds) + 1;
        figures.add(new Figure(String.format(Locale.ROOT, "Parameter Store reads, 1 environment, %.0f s", seconds),
                Integer.toString(reads.size()), String.format(Locale.ROOT, "goal <= %d (1 per TTL of %d s)", allowed,
                        ttlSeconds),
                reads.size() <= allowed, String.format(Locale.ROOT, "%,d events; reads every %s s",
                        events, readIntervals(reads))));
        figures.add(new Figure("(info) real-loop time per event, same run", String.format(Locale.ROOT,
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

    /** Used heap (bytes) right after a full GC, metaspace used and heap committed, via the JDK's jcmd. */
    private double[] heapAfterGc(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        jcmd(jcmd, pid, "GC.run");
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

    // ---------------------------------------------------------------- helpers

    /** The Lambda environment plus the bridge's: its Parameter Store path, the SDK endpoint override. */
    private Map<String, String> functionEnvironment(Path taskRoot, RuntimeApiEmulator runtimeApi,
            Map<String, String> extra) {
        Map<String, String> env = FunctionProcess.lambdaEnvironment(layout, taskRoot,
                runtimeApi == null ? "127.0.0.1:9" : runtimeApi.address());
        if (runtimeApi == null) {
            env.remove("AWS_LAMBDA_RUNTIME_API");
        }
        env.put("BRIDGE_CONFIG_PATH", ParameterStoreStandIn.PATH);
        env.put("AWS_ENDPOINT_URL_SSM", parameterStore.baseUrl());
        // The bench's episodes are stamped in the past to be distinct; real ALARM events arrive within seconds, so
        // none of them is a late event the bridge would check against CloudWatch first.
        env.put("BRIDGE_RECONCILE_LATE_ALARM_AFTER", "100000d");
        env.putAll(extra);
        return env;
    }

    private static RuntimeApiEmulator.Result invoke(RuntimeApiEmulator runtimeApi, FunctionProcess function,
            String event, String expected) throws Exception {
        RuntimeApiEmulator.Result result = await(runtimeApi.submit(event), function, runtimeApi,
                RuntimeApiEmulator.FUNCTION_TIMEOUT.plusSeconds(30));
        if (expected != null) {
            expect(result, "\"result\":\"" + expected + "\"", function);
        }
        return result;
    }

    private static RuntimeApiEmulator.Result await(CompletableFuture<RuntimeApiEmulator.Result> answer,
            FunctionProcess function, RuntimeApiEmulator runtimeApi, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return answer.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (runtimeApi.initError().isDone()) {
                    throw new IllegalStateException("the function reported an init error: "
                            + abbreviate(runtimeApi.initError().get()) + "\n" + function.logTail(20));
                }
                if (!function.isAlive()) {
                    throw new IllegalStateException("the function process exited; its log " + function.log()
                            + " ends with:\n" + function.logTail(20));
                }
                if (System.nanoTime() > until) {
                    throw new TimeoutException("no answer in " + timeout.toSeconds() + " s; log " + function.log());
                }
            }
        }
    }

    private static void expect(RuntimeApiEmulator.Result result, String expected, FunctionProcess function) {
        if (!result.success() || !result.body().contains(expected)) {
            throw new IllegalStateException("expected " + expected + " but the function answered "
                    + (result.success() ? "" : "with an error ") + abbreviate(result.body()) + "\nlog "
                    + function.log() + ":\n" + function.logTail(10));
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required (bench/run.sh sets it)");
        }
        return value;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }

    private static String abbreviate(String text) {
        String one = text == null ? "" : text.replaceAll("\\s+", " ");
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void progress(String format, Object... args) {
        PROGRESS.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
