package dev.alertbridge.config;

import java.time.Duration;

import dev.alertbridge.alert.ServiceStatus;

/**
 * A service an alert is linked to, with what its links say: the status the alert gives the service (the worst of
 * its matching links) and whether writes to it are live (the loosest of its matching links, then the
 * configuration's own mode).
 *
 * @param service the StatusHub service
 * @param status {@code down} or {@code degraded-performance}
 * @param mode live, shadow or off
 * @param publish how the bridge speaks on this service for this alert: its links', then the service's, then the
 *        configuration's, field by field
 * @param holdDown how long a CloudWatch alarm must have been in ALARM before it opens an incident here (zero: at
 *        once)
 * @param reopenWithin an alert opening again within this time of its incident's clear continues that incident
 *        (zero: never)
 */
public record LinkedService(ServiceTarget service, ServiceStatus status, WriteMode mode, Publish publish,
        Duration holdDown, Duration reopenWithin) {

    public LinkedService {
        publish = publish == null ? service.publish() : publish;
        holdDown = holdDown == null ? Duration.ZERO : holdDown;
        reopenWithin = reopenWithin == null ? Duration.ZERO : reopenWithin;
    }

    public LinkedService(ServiceTarget service, ServiceStatus status, WriteMode mode, Publish publish) {
        this(service, status, mode, publish, null, null);
    }

    /** A service as its own and the defaults say (no link, no configuration-wide publish block). */
    public LinkedService(ServiceTarget service, ServiceStatus status, WriteMode mode) {
        this(service, status, mode, null, null, null);
    }

    public String id() {
        return service.id();
    }
}
