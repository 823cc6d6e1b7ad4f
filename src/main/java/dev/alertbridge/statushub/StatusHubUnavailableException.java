package dev.alertbridge.statushub;

import java.time.Duration;

/**
 * StatusHub could not be reached or answered with a transient error (5xx, 408, 429, timeout, reset): a later
 * attempt may succeed. {@code notApplied} is true when the request surely changed nothing (429, refused
 * connection), so even a write may be repeated at once; otherwise only the retry of the whole event, which reads
 * StatusHub again first, may repeat it.
 */
public class StatusHubUnavailableException extends RuntimeException {
    private final boolean notApplied;
    private final Duration retryAfter;

    private StatusHubUnavailableException(String endpoint, String reason, boolean notApplied, Duration retryAfter) {
        super("StatusHub unavailable for " + endpoint + ": " + reason, null, false, false);
        this.notApplied = notApplied;
        this.retryAfter = retryAfter;
    }

    /** The request may have been applied (a timeout, a reset, a 5xx): only a retry that reads first may repeat it. */
    public static StatusHubUnavailableException mayHaveApplied(String endpoint, String reason) {
        return new StatusHubUnavailableException(endpoint, reason, false, null);
    }

    /** The request surely changed nothing (a refused connection): it may be repeated at once. */
    public static StatusHubUnavailableException notApplied(String endpoint, String reason) {
        return new StatusHubUnavailableException(endpoint, reason, true, null);
    }

    /** StatusHub's rate limit (429): nothing applied; repeat after {@code retryAfter}. */
    public static StatusHubUnavailableException rateLimited(String endpoint, Duration retryAfter) {
        return new StatusHubUnavailableException(endpoint, "HTTP 429 rate limited", true, retryAfter);
    }

    public boolean notApplied() {
        return notApplied;
    }

    /** The wait StatusHub asked for (429 Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
