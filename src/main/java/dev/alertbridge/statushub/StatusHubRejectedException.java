package dev.alertbridge.statushub;

/**
 * StatusHub refused a request for good (4xx other than 408/429): retrying the same request cannot help. Carries
 * StatusHub's reason from the answer's body, with every secret the bridge knows of removed.
 */
public class StatusHubRejectedException extends RuntimeException {
    private final int status;
    private final String endpoint;
    private final String reason;

    /** @param reason StatusHub's reason, already cleaned of secrets ({@link RejectionReason}); empty when none */
    public StatusHubRejectedException(int status, String endpoint, String reason) {
        super("StatusHub rejected " + endpoint + " with HTTP " + status + (reason.isEmpty() ? "" : ": " + reason),
                null, false, false);
        this.status = status;
        this.endpoint = endpoint;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    /** The same refusal with this secret (the API key, a hook token) masked wherever StatusHub echoed it. */
    public StatusHubRejectedException without(String secret) {
        if (secret == null || secret.isEmpty() || !reason.contains(secret)) {
            return this;
        }
        return new StatusHubRejectedException(status, endpoint, reason.replace(secret, "***"));
    }
}
