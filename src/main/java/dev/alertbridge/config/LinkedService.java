package dev.alertbridge.config;

import dev.alertbridge.alert.ServiceStatus;

/**
 * A service an alert is linked to, with what its links say: the status the alert gives the service (the worst of
 * its matching links) and whether writes to it are live (the loosest of its matching links, then the
 * configuration's own mode).
 *
 * @param service the StatusHub service
 * @param status {@code down} or {@code degraded-performance}
 * @param mode live, shadow or off
 */
public record LinkedService(ServiceTarget service, ServiceStatus status, WriteMode mode) {

    public String id() {
        return service.id();
    }
}
