package dev.alertbridge.bench;

import static dev.alertbridge.bench.Bench.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reconciliation run at scale (README §7): {@value #ALARMS} CloudWatch alarms of a fleet, linked ({@code
 * fleet-<part>-*}, one service per part), {@value #IN_ALARM} of them in ALARM whose opens were lost (nothing on the
 * hub), the rest OK for days; one more alarm was deleted while its incident was open (the sweep's case). StatusHub
 * answers after L; the configuration says {@code repair}. ONE scheduled invocation of a fresh execution environment
 * (the {@code reconcile} alias has its own), with the template's 30 s as its deadline, must repair every open and
 * reach the deleted-alarm sweep and the page check, listing the hub once (plus one re-read after its writes), never
 * over the key's 30 GET/s.
 */
final class ReconcilePhase {
    static final int ALARMS = 1_000;
    static final int IN_ALARM = 50;
    static final List<String> FLEET = List.of("api", "web", "worker", "db");
    /** StatusHub's read limit per API key (GETs a second). */
    static final int READS_PER_SECOND = 30;
    /** §7's goal for one run; the template's Timeout (30 s) is the bound one invocation has. */
    static final int GOAL_SECONDS = 60;
    private static final String DELETED_ALARM = "fleet-api-retired";
    private final Bench bench;

    ReconcilePhase(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        bench.statusHub.reset();
        bench.statusHub.latency(0);
        bench.statusHub.personResolves(false);
        bench.parameterStore.holds(BenchConfig.reconcileParameters(bench.statusHub));
        try (CloudWatchStandIn cloudWatch = new CloudWatchStandIn()) {
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.baseUrl(),
                    // The region of the bench's alarm events and of the stand-in's ARNs.
                    "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1");
            String deletedIncident = seedDeletedAlarmIncident(env);
            Set<String> inAlarm = fleet(cloudWatch);
            bench.statusHub.journal(true);
            bench.statusHub.latency(LATENCY_MILLIS);
            RuntimeApiEmulator.Result result;
            try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                    FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                            bench.functionEnvironment(bench.oursRoot, runtimeApi, env), "reconcile")) {
                result = invoke(runtimeApi, function, scheduledEvent(), null);
                if (!result.success()) {
                    throw new IllegalStateException("the reconciliation failed: " + abbreviate(result.body())
                            + "\nlog " + function.log() + ":\n" + function.logTail(10));
                }
            } finally {
                bench.statusHub.latency(0);
            }
            List<StatusHubStandIn.Call> calls = bench.statusHub.journal();
            bench.statusHub.journal(false);
            report(result, JSON.readTree(result.body()), calls, cloudWatch, inAlarm, deletedIncident);
        } finally {
            bench.parameterStore.holds(BenchConfig.parameters(bench.statusHub));
        }
    }

    /**
     * The incident of an alarm deleted while in ALARM, opened by the function itself from the alarm's event (another
     * execution environment, at L = 0): the sweep must clear it. Its id.
     */
    private String seedDeletedAlarmIncident(Map<String, String> env) throws Exception {
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(bench.layout, bench.oursRoot,
                        bench.functionEnvironment(bench.oursRoot, runtimeApi, env), "reconcile-seed")) {
            invoke(runtimeApi, function, Events.alarm(DELETED_ALARM, 97_001), "created");
        }
        List<String> ids = bench.statusHub.incidentIds();
        if (ids.size() != 1) {
            throw new IllegalStateException("the deleted alarm's ALARM opened " + ids.size() + " incidents");
        }
        return ids.get(0);
    }

    /** The fleet's alarms, every {@value #ALARMS}/{@value #IN_ALARM}th in ALARM since 20 minutes; their names. */
    private static Set<String> fleet(CloudWatchStandIn cloudWatch) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Set<String> inAlarm = new TreeSet<>();
        for (int i = 0; i < ALARMS; i++) {
            String name = String.format(Locale.ROOT, "fleet-%s-host-%03d-cpu", FLEET.get(i % FLEET.size()),
                    i / FLEET.size());
            int every = ALARMS / IN_ALARM;
            boolean alarm = i % every == every / 2 + (i / every) % FLEET.size(); // on every part of the fleet
            cloudWatch.alarm(name, alarm ? "ALARM" : "OK", alarm ? now.minus(Duration.ofMinutes(20))
                    : now.minus(Duration.ofDays(3)).plusSeconds(i));
            if (alarm) {
                inAlarm.add(name);
            }
        }
        return inAlarm;
    }

    /** The schedule's event (EventBridge "Scheduled Event", the template's rule without embedded links). */
    private static String scheduledEvent() {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa")
                .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", "123456789012")
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("region", "us-east-1");
        event.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/bridge-ReconcileSchedule");
        event.putObject("detail");
        return event.toString();
    }

    private void report(RuntimeApiEmulator.Result result, JsonNode answer, List<StatusHubStandIn.Call> calls,
            CloudWatchStandIn cloudWatch, Set<String> inAlarm, String deletedIncident) {
        String title = String.format(Locale.ROOT, "reconcile: %,d linked alarms, L=%d ms", ALARMS, LATENCY_MILLIS);
        double seconds = result.exactMillis() / 1000;
        boolean finished = answer.path("finished").asBoolean(false);
        List<String> notes = new ArrayList<>();
        answer.path("notes").forEach(n -> notes.add(n.asText()));
        Set<String> repaired = new TreeSet<>();
        int sweptClears = 0;
        for (JsonNode found : answer.path("found")) {
            boolean wrote = "repaired".equals(found.path("reconcile").asText());
            if (wrote && "ALARM".equals(found.path("alarmState").asText())
                    && "created".equals(found.path("action").asText())) {
                repaired.add(found.path("alarm").asText());
            } else if (wrote && "deleted".equals(found.path("alarmState").asText())
                    && deletedIncident.equals(found.path("incidentId").asText())) {
                sweptClears++;
            }
        }
        Map<StatusHubStandIn.Kind, Integer> byKind = new EnumMap<>(StatusHubStandIn.Kind.class);
        calls.forEach(c -> byKind.merge(c.kind(), 1, Integer::sum));
        int creates = byKind.getOrDefault(StatusHubStandIn.Kind.CREATE, 0);
        long listings = calls.stream().filter(StatusHubStandIn.Call::listingStart).count();
        int fullReads = byKind.getOrDefault(StatusHubStandIn.Kind.GET, 0);
        int peak = peakPerSecond(calls.stream().filter(StatusHubStandIn.Call::isGet)
                .mapToLong(StatusHubStandIn.Call::arrivedNanos).sorted().toArray());
        boolean swept = sweptClears > 0 && "monitoring".equals(bench.statusHub.latestType(deletedIncident));
        boolean unchecked = notes.stream().anyMatch(n -> n.startsWith("no time"));
        boolean inTime = seconds <= RuntimeApiEmulator.FUNCTION_TIMEOUT.toSeconds();
        boolean allChecked = finished && answer.path("checked").asInt() == answer.path("alarms").asInt();

        // The whole run counts: a run that stopped early is not one that took its seconds.
        bench.figures.add(new Figure(title, String.format(Locale.ROOT, "%.1f s", seconds),
                "goal <= " + GOAL_SECONDS + " s in 1 invocation", inTime && allChecked && seconds <= GOAL_SECONDS,
                String.format(Locale.ROOT, "one scheduled invocation of a fresh environment, deadline %d s (the "
                        + "template's Timeout)%s; answer: %d alarms, %d checked, %d findings%s",
                        RuntimeApiEmulator.FUNCTION_TIMEOUT.toSeconds(), inTime ? "" : ": OVER IT",
                        answer.path("alarms").asInt(), answer.path("checked").asInt(),
                        answer.path("findings").asInt(), allChecked ? "" : ", NOT finished")));
        bench.figures.add(new Figure("  opens repaired (incidents created)", creates + " / " + IN_ALARM,
                "goal every open repaired", repaired.equals(inAlarm) && creates == IN_ALARM,
                String.format(Locale.ROOT, "%d of the %d alarms in ALARM named as created in the answer%s",
                        repaired.size(), IN_ALARM, missing(inAlarm, repaired))));
        bench.figures.add(new Figure("  finished: sweep and page check reached", finished && swept && !unchecked
                ? "yes" : "no", "goal finished, nothing left unchecked", finished && swept && !unchecked,
                String.format(Locale.ROOT, "\"finished\": %s; the deleted alarm's incident %s; notes: %s", finished,
                        swept ? "cleared to Monitoring by the sweep" : "NOT cleared", notes.isEmpty() ? "none"
                                : abbreviate(String.join(" | ", notes)))));
        bench.figures.add(new Figure("  hub listings", listings + " listings", "goal <= 2 (1 + a re-read after writes)",
                listings <= 2, String.format(Locale.ROOT, "%d full reads, %d list pages in all; StatusHub requests: %s",
                        fullReads, byKind.getOrDefault(StatusHubStandIn.Kind.LIST, 0), byKind)));
        bench.figures.add(new Figure("  peak GETs in any 1 s window", peak + " GET/s",
                "goal <= " + READS_PER_SECOND + " GET/s (the key's)", peak <= READS_PER_SECOND,
                "counted by the StatusHub stand-in on arrival: lists, full reads, maintenances"));
        long writes = calls.stream().filter(ReconcilePhase::isWrite).count();
        bench.figures.add(new Figure("(info) reconcile: where the time went", String.format(Locale.ROOT,
                "%.1f s of writes", writeSeconds(calls)), String.format(Locale.ROOT, "%d writes at 5/s: ~%.1f s",
                        writes, writes / 5.0), null, timeline(result, calls, cloudWatch)));
    }

    private static boolean isWrite(StatusHubStandIn.Call call) {
        return call.kind() == StatusHubStandIn.Kind.CREATE || call.kind() == StatusHubStandIn.Kind.UPDATE;
    }

    /** From the first write's arrival to the last write's answer. */
    private static double writeSeconds(List<StatusHubStandIn.Call> calls) {
        List<StatusHubStandIn.Call> writes = calls.stream().filter(ReconcilePhase::isWrite).toList();
        return writes.isEmpty() ? 0 : (lastAnswer(writes) - firstArrival(writes)) / 1e9;
    }

    private static long firstArrival(List<StatusHubStandIn.Call> calls) {
        return calls.stream().mapToLong(StatusHubStandIn.Call::arrivedNanos).min().orElse(0);
    }

    private static long lastAnswer(List<StatusHubStandIn.Call> calls) {
        return calls.stream().mapToLong(StatusHubStandIn.Call::answeredNanos).max().orElse(0);
    }

    /** Phases of the invocation, in seconds from its hand-out, as the stand-ins saw them arrive. */
    private static String timeline(RuntimeApiEmulator.Result result, List<StatusHubStandIn.Call> calls,
            CloudWatchStandIn cloudWatch) {
        long start = result.handedOutNanos();
        long[] listing = cloudWatch.listingArrivals();
        List<StatusHubStandIn.Call> writes = calls.stream().filter(ReconcilePhase::isWrite).toList();
        List<StatusHubStandIn.Call> listingStarts = calls.stream().filter(StatusHubStandIn.Call::listingStart)
                .sorted(Comparator.comparingLong(StatusHubStandIn.Call::arrivedNanos)).toList();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "CloudWatch: %d DescribeAlarms pages at +%s..+%s s (%d history, %d tag reads)",
                cloudWatch.count(CloudWatchStandIn.Operation.DESCRIBE_ALARMS), at(listing[0], start),
                at(listing[1], start), cloudWatch.count(CloudWatchStandIn.Operation.DESCRIBE_ALARM_HISTORY),
                cloudWatch.count(CloudWatchStandIn.Operation.LIST_TAGS_FOR_RESOURCE)));
        if (!calls.isEmpty()) {
            long firstWrite = writes.isEmpty() ? Long.MAX_VALUE : firstArrival(writes);
            line.append(String.format(Locale.ROOT, "; StatusHub: 1st request +%s, %d reads before the 1st write",
                    at(firstArrival(calls), start), calls.stream().filter(c -> c.arrivedNanos() < firstWrite)
                            .count()));
        }
        if (!writes.isEmpty()) {
            line.append(String.format(Locale.ROOT, ", %d writes +%s..+%s (the last answered)", writes.size(),
                    at(firstArrival(writes), start), at(lastAnswer(writes), start)));
        }
        if (listingStarts.size() == 2) {
            line.append(String.format(Locale.ROOT, ", the re-read's listing at +%s",
                    at(listingStarts.get(1).arrivedNanos(), start)));
        } else if (listingStarts.size() > 2) {
            line.append(String.format(Locale.ROOT, ", %d more listings +%s..+%s", listingStarts.size() - 1,
                    at(listingStarts.get(1).arrivedNanos(), start),
                    at(listingStarts.get(listingStarts.size() - 1).arrivedNanos(), start)));
        }
        if (!calls.isEmpty()) {
            line.append(String.format(Locale.ROOT, ", last answered +%s", at(lastAnswer(calls), start)));
        }
        line.append(String.format(Locale.ROOT, "; answer +%s s", at(result.answeredNanos(), start)));
        return line.toString();
    }

    /** The most arrivals in any one-second window (each window starting at an arrival). */
    static int peakPerSecond(long[] sortedNanos) {
        int peak = 0;
        int from = 0;
        for (int to = 0; to < sortedNanos.length; to++) {
            while (sortedNanos[to] - sortedNanos[from] >= 1_000_000_000L) {
                from++;
            }
            peak = Math.max(peak, to - from + 1);
        }
        return peak;
    }

    private static String at(long nanos, long start) {
        return nanos == 0 ? "?" : String.format(Locale.ROOT, "%.2f", (nanos - start) / 1e9);
    }

    private static String missing(Set<String> expected, Set<String> got) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        return missing.isEmpty() ? "" : "; not repaired: " + abbreviate(String.join(", ", missing));
    }
}
