package dev.alertbridge.event;

import java.time.Instant;

import dev.alertbridge.alert.Times;

/** An event's times ({@link Times} reads every format), or a {@link BadEventException} naming the field. */
public final class Timestamps {
    /** Go's zero time: Alertmanager and Grafana send it as endsAt of a firing alert. */
    private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private Timestamps() {
    }

    public static Instant parse(String text, String where) {
        return Times.parse(text)
                .orElseThrow(() -> new BadEventException(where, "not a timestamp: '" + Fields.excerpt(text) + "'"));
    }

    /** True for Go's zero time, which means "not set". */
    public static boolean isUnset(Instant time) {
        return !time.isAfter(GO_ZERO);
    }
}
