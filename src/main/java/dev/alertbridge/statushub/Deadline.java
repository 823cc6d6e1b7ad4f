package dev.alertbridge.statushub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The point by which StatusHub work must end so the invocation can still report: Lambda's deadline less a margin. */
public record Deadline(Instant end, Clock clock) {

    public static Deadline in(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** This deadline, less {@code reserve} kept for what comes after. */
    public Deadline shortenedBy(Duration reserve) {
        return new Deadline(end.minus(reserve), clock);
    }

    /** The timeout for one call: the configured bound, or less when the deadline is nearer. */
    public Duration callTimeout(Duration bound) {
        Duration left = remaining();
        return left.compareTo(bound) < 0 ? left : bound;
    }
}
