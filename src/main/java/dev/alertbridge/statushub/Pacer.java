package dev.alertbridge.statushub;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests so one execution environment stays under StatusHub's per-key limit: each caller reserves the
 * next free slot and waits for it. Slots are a little wider than 1/limit so that jitter on the wire cannot put
 * limit + 1 requests into one second. Other environments share the key; their excess comes back as 429, which
 * the retry honours.
 */
public final class Pacer {
    private static final ConcurrentHashMap<String, Pacer> SHARED = new ConcurrentHashMap<>();
    /** Headroom per slot for wire jitter. */
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long spacingNanos;
    private long nextFree = Long.MIN_VALUE;

    Pacer(int perSecond) {
        this.spacingNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond) + SLACK_NANOS;
    }

    /** One pacer per key and per limit, shared by every invocation of this execution environment. */
    public static Pacer shared(String key, int perSecond) {
        return SHARED.computeIfAbsent(key + "|" + perSecond, k -> new Pacer(perSecond));
    }

    /** Waits for this caller's slot, or fails when the slot lies beyond the deadline. */
    public void await(Deadline deadline, String what) {
        long wait = reserve(System.nanoTime(), deadline.remaining());
        if (wait < 0) {
            throw new DeadlineExceededException(what + " (the request rate limit leaves no slot in time)");
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Reserves a slot at or after {@code now}; returns the wait in nanos, or -1 if it would not fit. */
    synchronized long reserve(long now, Duration within) {
        long slot = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
        long wait = slot - now;
        if (wait > within.toNanos()) {
            return -1;
        }
        nextFree = slot + spacingNanos;
        return wait;
    }
}
