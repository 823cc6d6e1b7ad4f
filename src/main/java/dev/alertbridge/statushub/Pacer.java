package dev.alertbridge.statushub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.alertbridge.metrics.Counters;

/**
 * Keeps one execution environment within StatusHub's per-key limits ("5 writes, 30 reads per second") as StatusHub
 * counts them: on arrival. It holds {@code limit} slots; a request takes a free slot when it starts. A read gives
 * its slot back a window after it started. A write holds its slot until its answer arrives and gives it back a
 * window after that: StatusHub saw the write somewhere between its start and its answer, so writes that leave the
 * process late (the first ones of a cold environment) can never share StatusHub's second with the next ones.
 * Requests under the limit go at once (a fan-out to five services is one burst, not a queue). The window is a
 * little longer than a second for jitter on the wire. Other environments share the key; their excess comes back
 * as 429, which the retry honours.
 */
public final class Pacer {
    private static final ConcurrentHashMap<String, Pacer> SHARED = new ConcurrentHashMap<>();
    /** One second plus headroom for wire jitter. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1025);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    /** When each slot may be taken again (System.nanoTime), or {@link #IN_FLIGHT}. */
    private final long[] freeAt;
    private final boolean holdUntilAnswer;

    private Pacer(int limit, boolean holdUntilAnswer) {
        this.freeAt = new long[Math.max(1, limit)];
        java.util.Arrays.fill(freeAt, Long.MIN_VALUE);
        this.holdUntilAnswer = holdUntilAnswer;
    }

    /** Reads: a slot is taken at the start and free again a window later. */
    public static Pacer forReads(int perSecond) {
        return new Pacer(perSecond, false);
    }

    /** Writes: a slot is held from the start until the answer, and free again a window after the answer. */
    public static Pacer forWrites(int perSecond) {
        return new Pacer(perSecond, true);
    }

    /** One pacer per key and per limit, shared by every invocation of this execution environment. */
    public static Pacer shared(String key, int perSecond, boolean writes) {
        return SHARED.computeIfAbsent(key + "|" + perSecond + "|" + writes,
                k -> writes ? forWrites(perSecond) : forReads(perSecond));
    }

    /** Waits for a free slot, or fails when none frees before the deadline; the caller releases it when answered. */
    public Slot acquire(Deadline deadline, String what) {
        long asked = System.nanoTime();
        long end = asked + deadline.remaining().toNanos();
        boolean waited = false;
        synchronized (this) {
            while (true) {
                long now = System.nanoTime();
                int slot = earliest();
                long at = freeAt[slot];
                if (at <= now) {
                    freeAt[slot] = holdUntilAnswer ? IN_FLIGHT : now + WINDOW_NANOS;
                    if (waited) {
                        Counters.increment(Counters.Count.PACING_WAITS);
                        Counters.add(Counters.Count.PACING_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(now - asked));
                    }
                    return new Slot(this, slot);
                }
                if (now >= end || (at != IN_FLIGHT && at > end)) {
                    throw new DeadlineExceededException(what + " (the request rate limit leaves no slot in time)");
                }
                try {
                    waited = true;
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(at, end) - now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeadlineExceededException(what + " (interrupted while waiting for a slot)");
                }
            }
        }
    }

    private int earliest() {
        int best = 0;
        for (int i = 1; i < freeAt.length; i++) {
            if (freeAt[i] < freeAt[best]) {
                best = i;
            }
        }
        return best;
    }

    private synchronized void release(int slot) {
        if (holdUntilAnswer) {
            freeAt[slot] = System.nanoTime() + WINDOW_NANOS;
            notifyAll();
        }
    }

    /** A taken slot; {@link #release()} once the request's answer (or failure) is in. */
    public static final class Slot {
        private final Pacer pacer;
        private final int index;
        private boolean released;

        private Slot(Pacer pacer, int index) {
            this.pacer = pacer;
            this.index = index;
        }

        public void release() {
            if (!released) {
                released = true;
                pacer.release(index);
            }
        }
    }
}
