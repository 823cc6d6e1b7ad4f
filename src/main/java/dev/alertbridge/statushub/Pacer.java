package dev.alertbridge.statushub;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps one execution environment within StatusHub's per-key limit ("5 writes per second"): at most {@code limit}
 * requests start in any window of a second. Requests under the limit go at once (a fan-out to five services is one
 * burst, not a queue); the next waits until the oldest of the last {@code limit} leaves the window. The window is a
 * little longer than a second so that jitter on the wire cannot put {@code limit + 1} requests into StatusHub's
 * second. Other environments share the key; their excess comes back as 429, which the retry honours.
 */
public final class Pacer {
    private static final ConcurrentHashMap<String, Pacer> SHARED = new ConcurrentHashMap<>();
    /** One second plus headroom for wire jitter. */
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1025);

    /** Start times of the last {@code limit} requests, oldest at {@code next}. */
    private final long[] starts;
    private int next;
    private int granted;
    private long latest = Long.MIN_VALUE;

    Pacer(int limit) {
        this.starts = new long[Math.max(1, limit)];
    }

    /** One pacer per key and per limit, shared by every invocation of this execution environment. */
    public static Pacer shared(String key, int perSecond) {
        return SHARED.computeIfAbsent(key + "|" + perSecond, k -> new Pacer(perSecond));
    }

    /** Waits for this caller's turn, or fails when the turn lies beyond the deadline. */
    public void await(Deadline deadline, String what) {
        long wait = reserve(System.nanoTime(), deadline.remaining());
        if (wait < 0) {
            throw new DeadlineExceededException(what + " (the request rate limit leaves no slot in time)");
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Reserves a start at or after {@code now}; returns the wait in nanos, or -1 if it would not fit. */
    synchronized long reserve(long now, Duration within) {
        long start = granted < starts.length ? now : Math.max(now, starts[next] + WINDOW_NANOS);
        start = latest == Long.MIN_VALUE ? start : Math.max(start, latest);
        long wait = start - now;
        if (wait > within.toNanos()) {
            return -1;
        }
        starts[next] = start;
        next = (next + 1) % starts.length;
        granted++;
        latest = start;
        return wait;
    }
}
