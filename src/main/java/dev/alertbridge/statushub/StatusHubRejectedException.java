package dev.alertbridge.statushub;

/** StatusHub refused a request for good (4xx other than 408/429): retrying the same request cannot help. */
public class StatusHubRejectedException extends RuntimeException {
    private final int status;

    public StatusHubRejectedException(int status, String endpoint) {
        super("StatusHub rejected " + endpoint + " with HTTP " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
