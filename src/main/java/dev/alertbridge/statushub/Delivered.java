package dev.alertbridge.statushub;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A write StatusHub accepted (or, in dry-run, would have received).
 *
 * @param created true for a new incident, false for an update of one
 * @param via the delivery path
 * @param incidentId StatusHub's incident id, or the integration-URL id
 * @param request in dry-run, the request that would have been sent (secrets redacted); else null
 */
public record Delivered(boolean created, Via via, String incidentId, String request) {

    /** How a service is reached. */
    public enum Via {
        MANAGEMENT_API("management-api"),
        INTEGRATION_URL("integration-url");

        private final String reportName;

        Via(String reportName) {
            this.reportName = reportName;
        }

        @JsonValue
        public String reportName() {
            return reportName;
        }
    }

    public static Delivered created(Via via, String incidentId) {
        return new Delivered(true, via, incidentId, null);
    }

    public static Delivered updated(Via via, String incidentId) {
        return new Delivered(false, via, incidentId, null);
    }

    public Delivered withRequest(String request) {
        return new Delivered(created, via, incidentId, request);
    }
}
