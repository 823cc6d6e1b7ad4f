package dev.alertbridge.report;

/** How an invocation ended, for the metrics' {@code Outcome}. */
public enum Ending {
    APPLIED("applied"),
    /** Bad input: the event or request was refused, nothing changed. */
    REJECTED("rejected"),
    UNAUTHORIZED("unauthorized"),
    FAILED("failed");

    private final String metricName;

    Ending(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** The ending an HTTP status tells: 401 unauthorized, other 4xx rejected, 5xx failed. */
    public static Ending of(int status) {
        if (status == 401) {
            return UNAUTHORIZED;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return status >= 500 ? FAILED : APPLIED;
    }
}
