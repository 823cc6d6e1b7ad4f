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
 * The benchmark of the design's measured goals (docs/benchmark.md), run by {@code bench/run.sh}: prints one line per figure, its unit, the goal and
 * whether it is met. Progress goes to stderr, the figures to stdout.
 *
 * <p>Options are system properties ({@code -Dbench.x=...}), all set by run.sh: {@code bench.function} and
 * {@code bench.bare} (the two function.zip files), {@code bench.ric} (the runtime's class path folder),
 * {@code bench.work} (scratch folder), {@code bench.harnessClasspath} (for the JMH run), {@code bench.phases}
 * (package,cold,snapstart,warm,fanout,fanoutgroup,storm,bighub,biggroup,reconcile,memory),
 * {@code bench.coldRuns} (5), {@code bench.events} (10000), {@code bench.fanoutTrials} (3), {@code bench.ttlSeconds} (5), {@code bench.jvmFlags}, and for JMH
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
    static final double MB = 1024.0 * 1024.0;
    static final long LATENCY_MILLIS = 100;
    static final ObjectMapper JSON = new ObjectMapper();
    static final PrintStream PROGRESS = System.err;

    final Path functionZip;
    final Path bareZip;
    /** The bare function that makes one REST-client call per event: the floor of the bridge's own stack. */
    final Path bareRestZip;
    final Path work;
    final Path ricDir;
    final String harnessClasspath;
    final Set<String> phases;
    final int coldRuns;
    final int events;
    final int fanOutTrials;
    final int ttlSeconds;
    final List<String> jvmFlags;
    final List<Figure> figures = new ArrayList<>();
    FunctionProcess.Layout layout;
    Path oursRoot;
    Path bareRoot;
    Path bareRestRoot;
    ParameterStoreStandIn parameterStore;
    StatusHubStandIn statusHub;

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
        phases = new LinkedHashSet<>(Arrays.asList(System.getProperty("bench.phases", "package,cold,snapstart,warm,"
                + "fanout,fanoutgroup,storm,bighub,biggroup,reconcile,memory").split(",")));
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
        ColdStartPhase coldStarts = new ColdStartPhase(this);
        if (phases.contains("cold")) {
            guarded("cold start", coldStarts::run);
        }
        if (phases.contains("snapstart")) {
            guarded("first event after a SnapStart init", coldStarts::runSnapStart);
        }
        if (phases.contains("warm")) {
            guarded("warm cost per event", new WarmPhase(this)::run);
        }
        if (phases.contains("bighub")) {
            guarded("big hub", new BigHubPhase(this)::run);
        }
        if (phases.contains("biggroup")) {
            guarded("big group", new BigGroupPhase(this)::run);
        }
        if (phases.contains("reconcile")) {
            guarded("reconciliation", new ReconcilePhase(this)::run);
        }
        if (phases.contains("fanout")) {
            guarded("fan-out", new FanOutPhase(this)::run);
        }
        if (phases.contains("fanoutgroup")) {
            guarded("fan-out with group: alert", new FanOutPhase(this)::runGroupAlert);
        }
        if (phases.contains("storm")) {
            guarded("storm with group: service", new StormPhase(this)::run);
        }
        if (phases.contains("memory")) {
            guarded("memory and Parameter Store reads", new MemoryPhase(this)::run);
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
    static Path unzip(Path zip, Path target) throws IOException {
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

    // ---------------------------------------------------------------- helpers

    /** The Lambda environment plus the bridge's: its Parameter Store path, the SDK endpoint override. */
    Map<String, String> functionEnvironment(Path taskRoot, RuntimeApiEmulator runtimeApi,
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

    static RuntimeApiEmulator.Result invoke(RuntimeApiEmulator runtimeApi, FunctionProcess function,
            String event, String expected) throws Exception {
        RuntimeApiEmulator.Result result = await(runtimeApi.submit(event), function, runtimeApi,
                RuntimeApiEmulator.FUNCTION_TIMEOUT.plusSeconds(30));
        if (expected != null) {
            expect(result, "\"result\":\"" + expected + "\"", function);
        }
        return result;
    }

    static RuntimeApiEmulator.Result await(CompletableFuture<RuntimeApiEmulator.Result> answer,
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

    static void expect(RuntimeApiEmulator.Result result, String expected, FunctionProcess function) {
        if (!result.success() || !result.body().contains(expected)) {
            throw new IllegalStateException("expected " + expected + " but the function answered "
                    + (result.success() ? "" : "with an error ") + abbreviate(result.body()) + "\nlog "
                    + function.log() + ":\n" + function.logTail(10));
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required (bench/run.sh sets it)");
        }
        return value;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }

    static String abbreviate(String text) {
        String one = text == null ? "" : text.replaceAll("\\s+", " ");
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void progress(String format, Object... args) {
        PROGRESS.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static void deleteTree(Path root) throws IOException {
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
