package dev.alertbridge.statushub;

import java.time.Duration;

/**
 * StatusHub could not be reached or answered with a transient error (5xx, 408, 429, timeout, reset): a later
 * attempt may succeed. {@code notApplied} is true when the request surely changed nothing (429, refused
 * connection), so even a write may be repeated at once; otherwise only the retry of the whole event, which reads
 * StatusHub again first, may repeat it.
 */
public class StatusHubUnavailableException extends RuntimeException {
    private final String endpoint;
    private final boolean notApplied;
    private final Duration retryAfter;

    public StatusHubUnavailableException(String endpoint, String reason, boolean notApplied, Duration retryAfter) {
        super("StatusHub unavailable for " + endpoint + ": " + reason, null, false, false);
        this.endpoint = endpoint;
        this.notApplied = notApplied;
        this.retryAfter = retryAfter;
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean notApplied() {
        return notApplied;
    }

    /** The wait StatusHub asked for (429 Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
