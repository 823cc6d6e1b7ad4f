package dev.alertbridge.statushub;

/**
 * A write StatusHub accepted (or, in dry-run, would have received).
 *
 * @param result {@code created} or {@code updated}
 * @param via {@code management-api} or {@code integration-url}
 * @param incidentId StatusHub's incident id, or the integration-URL id
 * @param request in dry-run, the request that would have been sent (secrets redacted); else null
 * @param note why the result is not the plain one, or null
 */
public record Delivered(String result, String via, String incidentId, String request, String note) {
}
