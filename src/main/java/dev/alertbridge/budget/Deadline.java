package dev.alertbridge.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The point by which work must end so the invocation can still report: Lambda's deadline less a margin, or a share
 * of it handed to one client. Every client (StatusHub, Parameter Store, CloudWatch) asks it before each call how
 * long that call may take.
 */
public record Deadline(Instant end, Clock clock) {
    /** Below this, a call cannot complete (a round trip and its answer): refused at once rather than timed out. */
    static final Duration SHORTEST_USEFUL_CALL = Duration.ofMillis(50);

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

    /**
     * How long the next call may take: {@code bound}, or less when the deadline is nearer; nothing when less than the
     * shortest useful call is left: the call is refused, and the caller says so in its own words.
     */
    public Optional<Duration> forCall(Duration bound) {
        Duration left = remaining();
        Duration timeout = left.compareTo(bound) < 0 ? left : bound;
        return timeout.compareTo(SHORTEST_USEFUL_CALL) < 0 ? Optional.empty() : Optional.of(timeout);
    }

    /**
     * Half of what is left, at most {@code bound}: for a lookup that is a courtesy to the event (its tags, a late
     * event's check, an alarm's history), so the event's own work keeps the other half.
     */
    public Duration halfLeft(Duration bound) {
        Duration half = remaining().dividedBy(2);
        return half.compareTo(bound) < 0 ? half : bound;
    }

    /** The same for a call bounded by the deadline alone. */
    public Optional<Duration> forCall() {
        return forCall(remaining());
    }
}
