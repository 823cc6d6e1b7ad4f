package dev.alertbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where measured events' time went, from two clocks that agree ({@link System#nanoTime} is the machine's monotonic
 * clock in every JVM here): each event's start and end in the function's JVM ({@code <benchmark>.times}, written by
 * the JMH fork), and each StatusHub request's arrival and answer at the stand-in (its journal). The requests of one
 * event are taken in rounds: a request that arrives before the round's answers are all sent (the maintenance list
 * alongside the incident list) belongs to that round.
 */
final class EventTimeline {
    /** One event, in ms: before its first request arrived, at the stand-in, between rounds, after the last answer. */
    record Event(double toFirstRequest, double atStandIn, List<Double> betweenRounds, double afterLastAnswer,
            int requests) {
    }

    private final List<Event> events;

    private EventTimeline(List<Event> events) {
        this.events = events;
    }

    /** The events whose start and end are in {@code times}, with the stand-in's calls that arrived in between. */
    static EventTimeline of(Path times, List<StatusHubStandIn.Call> journal) throws IOException {
        List<StatusHubStandIn.Call> calls = journal.stream()
                .sorted(Comparator.comparingLong(StatusHubStandIn.Call::arrivedNanos)).toList();
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(times)) {
            String[] startEnd = line.trim().split(" ");
            long start = Long.parseLong(startEnd[0]);
            long end = Long.parseLong(startEnd[1]);
            List<StatusHubStandIn.Call> mine = calls.stream()
                    .filter(c -> c.arrivedNanos() >= start && c.arrivedNanos() <= end).toList();
            if (!mine.isEmpty()) {
                events.add(event(start, end, mine));
            }
        }
        return new EventTimeline(events);
    }

    private static Event event(long start, long end, List<StatusHubStandIn.Call> calls) {
        List<Double> between = new ArrayList<>();
        double atStandIn = 0;
        long roundAnswered = calls.get(0).answeredNanos();
        for (StatusHubStandIn.Call call : calls) {
            if (call.arrivedNanos() > roundAnswered) { // a new round
                between.add(Bench.millis(call.arrivedNanos() - roundAnswered));
            }
            roundAnswered = Math.max(roundAnswered, call.answeredNanos());
            atStandIn += Bench.millis(call.answeredNanos() - call.arrivedNanos());
        }
        return new Event(Bench.millis(calls.get(0).arrivedNanos() - start), atStandIn, between,
                Bench.millis(end - roundAnswered), calls.size());
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int size() {
        return events.size();
    }

    /** Medians (each part's own, so they need not add up to the event's): "to the 1st request 1.9, ...". */
    String medians() {
        int rounds = events.stream().mapToInt(e -> e.betweenRounds().size()).max().orElse(0);
        StringBuilder gaps = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            int round = i;
            gaps.append(i == 0 ? "" : " + ").append(median(e -> e.betweenRounds().size() > round
                    ? e.betweenRounds().get(round) : Double.NaN));
        }
        int requests = events.stream().mapToInt(Event::requests).max().orElse(0);
        return String.format(Locale.ROOT, "to its 1st request %s, at the stand-in %s (%d request%s)%s, after the last"
                + " answer %s ms", median(Event::toFirstRequest), median(Event::atStandIn), requests,
                requests == 1 ? "" : "s",
                rounds == 0 ? "" : ", from an answer to the next request " + gaps, median(Event::afterLastAnswer));
    }

    private String median(Function<Event, Double> part) {
        List<Double> values = events.stream().map(part).filter(v -> !v.isNaN()).toList();
        return String.format(Locale.ROOT, "%.2f", Stats.median(values));
    }
}
