package dev.alertbridge.config;

import dev.alertbridge.alert.ServiceStatus;

/**
 * A service an alert is linked to, with what its links say ({@link BridgeConfig#servicesFor}): the status the alert
 * gives the service, whether writes to it are live, and the page policy that applies there, resolved: every field
 * set, over {@link PagePolicy#DEFAULTS}.
 *
 * @param service the StatusHub service
 * @param status {@code down} or {@code degraded-performance}
 * @param mode live, shadow or off
 * @param policy the link's, then the service's, then the configuration's, then the defaults, field by field
 */
public record LinkedService(ServiceTarget service, ServiceStatus status, WriteMode mode, PagePolicy policy) {

    public LinkedService {
        policy = (policy == null ? PagePolicy.NONE : policy).over(PagePolicy.DEFAULTS);
    }

    /** A service as its own policy and the defaults say (no link, no configuration-wide policy). */
    public static LinkedService of(ServiceTarget service, ServiceStatus status, WriteMode mode) {
        return new LinkedService(service, status, mode, service.policy());
    }

    public String id() {
        return service.id();
    }
}
