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

/** Cold starts: ours, the bare function with one REST-client call, the bare function, alternating; then SnapStart inits. */
final class ColdStartPhase {
    private final Bench bench;

    /** What the function logs when its SnapStart priming ran to the end. */
    private static final String PRIMED = "primed for the SnapStart snapshot";
    /** The first events of the on-demand starts, kept for the SnapStart figure; null until they ran. */
    private List<Double> bareFirstEvents;
    private List<Double> onDemandFirstEvents;

    ColdStartPhase(Bench bench) {
        this.bench = bench;
    }


    /** One cold start; for ours also when, into the first event, Parameter Store and StatusHub were first called. */
    private record Cold(double totalMillis, double initMillis, double firstEventMillis, double configReadMillis,
            double firstStatusHubCallMillis, double lastStatusHubAnswerMillis) {
    }

    void run() throws Exception {
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        progress("one unmeasured start of each first (page cache), then %d measured starts of each, alternating",
                bench.coldRuns);
        coldRun("ours", bench.oursRoot, -1);
        coldRun("bare-rest", bench.bareRestRoot, -1);
        coldRun("bare", bench.bareRoot, -1);
        List<Cold> ours = new ArrayList<>();
        List<Cold> bareRest = new ArrayList<>();
        List<Cold> bare = new ArrayList<>();
        for (int i = 1; i <= bench.coldRuns; i++) {
            ours.add(coldRun("ours", bench.oursRoot, i));
            bareRest.add(coldRun("bare-rest", bench.bareRestRoot, i));
            bare.add(coldRun("bare", bench.bareRoot, i));
        }
        double oursMedian = Stats.median(ours.stream().map(Cold::totalMillis).toList());
        double bareRestMedian = Stats.median(bareRest.stream().map(Cold::totalMillis).toList());
        double bareMedian = Stats.median(bare.stream().map(Cold::totalMillis).toList());
        bench.figures.add(new Figure("cold start, ours (median of " + bench.coldRuns + ")", ms(oursMedian) + " ms",
                "goal <= 1.3x bare with REST client", null, breakdown(ours)));
        bench.figures.add(new Figure("cold start, bare + 1 REST-client call (median)", ms(bareRestMedian) + " ms",
                "the stack's floor, same run", null, breakdown(bareRest)));
        bench.figures.add(new Figure("cold start, bare Quarkus Lambda (median of " + bench.coldRuns + ")",
                ms(bareMedian) + " ms", "baseline, same run", null, breakdown(bare)));
        double ratio = oursMedian / bareRestMedian;
        bench.figures.add(new Figure("cold start ratio ours / bare with REST client",
                String.format(Locale.ROOT, "%.2f x", ratio), "goal <= 1.30 x", ratio <= 1.3,
                String.format(Locale.ROOT, "ours / bare without it: %.2f x", oursMedian / bareMedian)));

        bareFirstEvents = bare.stream().map(Cold::firstEventMillis).toList();
        onDemandFirstEvents = ours.stream().map(Cold::firstEventMillis).toList();
    }

    /** The first event after a SnapStart init; compared with the bare function's first event of the cold phase. */
    void runSnapStart() throws Exception {
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(true);
        if (bareFirstEvents == null) {
            progress("%d starts of the bare function and of ours on demand first (the figure compares with them)",
                    bench.coldRuns);
            coldRun("ours", bench.oursRoot, -1);
            List<Double> bare = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            for (int i = 1; i <= bench.coldRuns; i++) {
                bare.add(coldRun("bare", bench.bareRoot, i).firstEventMillis());
                ours.add(coldRun("ours", bench.oursRoot, i).firstEventMillis());
            }
            bareFirstEvents = bare;
            onDemandFirstEvents = ours;
        }
        progress("%d starts of ours as a SnapStart init (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): primed before "
                + "the emulated snapshot, then the first event", bench.coldRuns);
        List<Cold> primed = new ArrayList<>();
        for (int i = 1; i <= bench.coldRuns; i++) {
            primed.add(coldRun("ours-snapstart", bench.oursRoot, i));
        }
        double firstEvent = Stats.median(primed.stream().map(Cold::firstEventMillis).toList());
        double onDemandFirstEvent = Stats.median(onDemandFirstEvents);
        double bareFirstEvent = Stats.median(bareFirstEvents);
        bench.figures.add(new Figure("first event after a SnapStart init", ms(firstEvent) + " ms",
                "goal <= 50 ms and <= 3x bare's " + ms(bareFirstEvent),
                firstEvent <= 50 && firstEvent <= 3 * bareFirstEvent, String.format(Locale.ROOT,
                        "median of %d (config read at +%s, 1st StatusHub call at +%s, last answered at +%s); on demand "
                                + "%s ms; init with priming %s ms; plus Lambda's restore, which cannot be measured here; "
                                + "runs: %s", bench.coldRuns,
                        ms(Stats.median(primed.stream().map(Cold::configReadMillis).toList())),
                        ms(Stats.median(primed.stream().map(Cold::firstStatusHubCallMillis).toList())),
                        ms(Stats.median(primed.stream().map(Cold::lastStatusHubAnswerMillis).toList())),
                        ms(onDemandFirstEvent),
                        ms(Stats.median(primed.stream().map(Cold::initMillis).toList())),
                        primed.stream().map(c -> ms(c.firstEventMillis())).collect(Collectors.joining(" ")))));
    }

    private static String breakdown(List<Cold> runs) {
        String calls = runs.get(0).configReadMillis() < 0 ? ""
                : String.format(Locale.ROOT, " (config read at +%s, 1st StatusHub call at +%s, last answered at +%s)",
                        ms(Stats.median(runs.stream().map(Cold::configReadMillis).toList())),
                        ms(Stats.median(runs.stream().map(Cold::firstStatusHubCallMillis).toList())),
                        ms(Stats.median(runs.stream().map(Cold::lastStatusHubAnswerMillis).toList())));
        return String.format(Locale.ROOT, "medians: JVM start -> runtime ready %s ms, first event %s ms%s; runs: %s",
                ms(Stats.median(runs.stream().map(Cold::initMillis).toList())),
                ms(Stats.median(runs.stream().map(Cold::firstEventMillis).toList())), calls,
                runs.stream().map(c -> ms(c.totalMillis())).collect(Collectors.joining(" ")));
    }

    /** A fresh execution environment handles one ALARM event: JVM spawn → the emulator has the response. */
    private Cold coldRun(String which, Path taskRoot, int run) throws Exception {
        bench.statusHub.reset();
        bench.statusHub.journal(true);
        bench.parameterStore.forgetReads();
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator()) {
            CompletableFuture<RuntimeApiEmulator.Result> answer = runtimeApi
                    .submit(Events.alarm(BenchConfig.ONE_SERVICE_ALARM, 1));
            Map<String, String> env = bench.functionEnvironment(taskRoot, runtimeApi, which.endsWith("-snapstart")
                    ? Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                    : which.equals("bare-rest") ? Map.of("BARE_CALL_URL", bench.statusHub.apiUrl() + "/hubs/bench/incidents")
                            : Map.of());
            String label = "cold-" + which + "-" + (run < 0 ? "unmeasured" : Integer.toString(run));
            try (FunctionProcess function = FunctionProcess.start(bench.layout, taskRoot, env, label)) {
                RuntimeApiEmulator.Result result = await(answer, function, runtimeApi, Duration.ofSeconds(60));
                if (which.startsWith("ours")) {
                    expect(result, "\"result\":\"created\"", function);
                }
                if (which.endsWith("-snapstart") && !Files.readString(function.log()).contains(PRIMED)) {
                    // A priming that stopped half-way fails nothing in the function (it must never fail the init):
                    // here it is an error, so CI sees one that only the packaged build has.
                    throw new IllegalStateException("the SnapStart priming did not finish: no '" + PRIMED + "' in "
                            + function.log() + ":\n" + function.logTail(10));
                }
                // only what the event caused: a SnapStart init reads and calls before it, while priming
                long handedOut = result.handedOutNanos();
                List<Long> reads = bench.parameterStore.reads().stream().filter(t -> t >= handedOut).toList();
                List<StatusHubStandIn.Call> calls = bench.statusHub.journal().stream()
                        .filter(c -> c.arrivedNanos() >= handedOut).toList();
                bench.statusHub.journal(false);
                Cold cold = new Cold(millis(result.answeredNanos() - function.startedNanos()),
                        millis(runtimeApi.firstPollNanos() - function.startedNanos()), result.exactMillis(),
                        reads.isEmpty() ? -1 : millis(reads.get(0) - handedOut),
                        calls.isEmpty() ? -1 : millis(calls.stream().mapToLong(StatusHubStandIn.Call::arrivedNanos)
                                .min().getAsLong() - handedOut),
                        calls.isEmpty() ? -1 : millis(calls.stream().mapToLong(StatusHubStandIn.Call::answeredNanos)
                                .max().getAsLong() - handedOut));
                progress("cold start %s %s: %s ms (runtime ready %s ms, first event %s ms%s)", which,
                        run < 0 ? "unmeasured" : run + "/" + bench.coldRuns, ms(cold.totalMillis()), ms(cold.initMillis()),
                        ms(cold.firstEventMillis()), cold.configReadMillis() < 0 ? ""
                                : ": config read at +" + ms(cold.configReadMillis()) + ", 1st StatusHub call at +"
                                        + ms(cold.firstStatusHubCallMillis()) + ", last answered at +"
                                        + ms(cold.lastStatusHubAnswerMillis()));
                return cold;
            }
        }
    }
}
