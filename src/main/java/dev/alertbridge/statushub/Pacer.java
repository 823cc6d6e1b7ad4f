package dev.alertbridge.statushub;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.metrics.Counters;

/**
 * Keeps one execution environment within StatusHub's per-key limits ("5 writes, 30 reads per second") as StatusHub
 * counts them: on arrival. It holds {@code limit} slots; a request takes a free slot when it starts, holds it until
 * its answer arrives and gives it back a window after that: StatusHub saw the request somewhere between its start
 * and its answer, so requests that leave the process late (the first ones of a cold environment, a slow TLS
 * handshake) can never share StatusHub's second with the next ones. Requests under the limit go at once (a fan-out
 * to five services is one burst, not a queue). The window is a little longer than a second for jitter on the wire.
 * Other environments share the key; their excess comes back as 429, which is waited out.
 */
public final class Pacer {
    /** One second plus headroom for wire jitter. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1025);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    /** When each slot may be taken again (System.nanoTime), or {@link #IN_FLIGHT}. */
    private final long[] freeAt;

    private Pacer(int limit) {
        this.freeAt = new long[Math.max(1, limit)];
        Arrays.fill(freeAt, Long.MIN_VALUE);
    }

    /** At most {@code perSecond} requests in any second as StatusHub counts them (30 reads, 5 writes). */
    public static Pacer perSecond(int perSecond) {
        return new Pacer(perSecond);
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
                    freeAt[slot] = IN_FLIGHT;
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
        freeAt[slot] = System.nanoTime() + WINDOW_NANOS;
        notifyAll();
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
