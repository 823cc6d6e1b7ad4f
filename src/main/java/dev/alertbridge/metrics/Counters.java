package dev.alertbridge.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the parts of the bridge count while an invocation runs (StatusHub answers, configuration reads, pacing),
 * read and reset once per invocation for its metrics line. One execution environment runs one invocation at a time,
 * so a reset never mixes two invocations' counts. A package of its own, beneath every part that counts: the report,
 * which reads the counts, stays above the configuration and StatusHub, which write them.
 */
public final class Counters {
    /** The counted things, each with the metric name it is published under. */
    public enum Count {
        STATUSHUB_FAILURES("StatusHubFailures"),
        STATUSHUB_RATE_LIMITED("StatusHubRateLimited"),
        /** Writes StatusHub refused for good (a 4xx other than 408 and 429): a link or a service needs fixing. */
        STATUSHUB_REJECTIONS("StatusHubRejections"),
        CONFIG_RELOADS("ConfigReloads"),
        CONFIG_RELOAD_FAILURES("ConfigReloadFailures"),
        PACING_WAITS("PacingWaits"),
        PACING_WAIT_MILLIS("PacingWaitMilliseconds"),
        RECONCILE_FINDINGS("ReconcileFindings"),
        /** CloudWatch refused a read (AccessDenied): late-event checks or the reconciliation are off. */
        CLOUDWATCH_READS_DENIED("CloudWatchReadsDenied"),
        /** Firing arrivals of the monitoring pipeline's heartbeat: none for a while means the pipeline went silent. */
        HEARTBEATS("Heartbeats");

        private final String metricName;

        Count(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    private static final Map<Count, AtomicLong> COUNTS = new EnumMap<>(Count.class);

    static {
        for (Count count : Count.values()) {
            COUNTS.put(count, new AtomicLong());
        }
    }

    private Counters() {
    }

    public static void add(Count count, long by) {
        COUNTS.get(count).addAndGet(by);
    }

    public static void increment(Count count) {
        add(count, 1);
    }

    /** The counts since the last {@link #takeAll}, left as they are. */
    public static Map<Count, Long> peekAll() {
        Map<Count, Long> seen = new EnumMap<>(Count.class);
        COUNTS.forEach((count, value) -> seen.put(count, value.get()));
        return seen;
    }

    /** The counts since the last call, and zero again. */
    public static Map<Count, Long> takeAll() {
        Map<Count, Long> taken = new EnumMap<>(Count.class);
        COUNTS.forEach((count, value) -> taken.put(count, value.getAndSet(0)));
        return taken;
    }
}
