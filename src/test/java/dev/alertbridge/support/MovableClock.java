package dev.alertbridge.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The function's clock in tests: real time plus an offset tests move, instead of sleeping. */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {
    private static volatile Duration offset = Duration.ZERO;

    /** What the function's clock says now. */
    public static Instant now() {
        return Instant.now().plus(offset);
    }

    public static void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
