package dev.alertbridge.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.alertbridge.alert.AlertSource;

/**
 * How the bridge treats the public page for an alert on a service: how it speaks ({@code publish}), which alerts
 * share an incident ({@code group}), how long a CloudWatch alarm is held back ({@code holdDown}), how soon an alert
 * opening again continues its incident ({@code reopenWithin}) and whether a maintenance keeps it quiet
 * ({@code maintenance}). The whole configuration, a service and a link may each say any field (null: not said);
 * the most specific wins field by field, as a child route of Alertmanager's inherits its parent's options:
 * {@code link.over(service).over(configuration)}, and every {@link LinkedService} over {@link #DEFAULTS}. So
 * {@code "holdDown": "5m"} on the configuration and {@code "holdDown": "0s"} on one link hold every CloudWatch alarm
 * but that link's.
 *
 * @param publish the page's language, dates, notifications and texts, each layered on its own ({@link Publish#over})
 * @param group which alerts share one incident
 * @param holdDown how long a CloudWatch alarm must have been in ALARM before it opens an incident (zero: at once)
 * @param reopenWithin an alert opening again within this time of its incident's clear continues it (zero: never)
 * @param maintenance whether an open on a service in a maintenance scheduled in StatusHub creates an incident
 */
public record PagePolicy(Publish publish, Group group, Duration holdDown, Duration reopenWithin,
        MaintenancePolicy maintenance) {

    /** Nothing said. */
    public static final PagePolicy NONE = new PagePolicy(Publish.NONE, null, null, null, null);

    /** What applies where nothing says otherwise: the base of every layering, and the one place a default is set. */
    public static final PagePolicy DEFAULTS = new PagePolicy(new Publish(Publish.Language.EN, ZoneOffset.UTC,
            Publish.Dates.ISO, Publish.Notify.ALL, Map.of()), Group.OFF, Duration.ZERO, Duration.ZERO,
            MaintenancePolicy.SKIP);

    public PagePolicy {
        publish = publish == null ? Publish.NONE : publish;
    }

    /** The fields said here, {@code base}'s elsewhere; {@code publish} field by field and template by template. */
    public PagePolicy over(PagePolicy base) {
        return new PagePolicy(publish.over(base.publish), either(group, base.group), either(holdDown, base.holdDown),
                either(reopenWithin, base.reopenWithin), either(maintenance, base.maintenance));
    }

    private static <T> T either(T said, T base) {
        return said != null ? said : base;
    }

    /** How long an alert of this source is held back: {@code holdDown} holds CloudWatch alarms only. */
    public Duration holdDownFor(AlertSource source) {
        return source == AlertSource.CLOUDWATCH ? either(holdDown, DEFAULTS.holdDown) : Duration.ZERO;
    }

    /**
     * Whether an alert opening again at {@code start} continues the incident the bridge cleared at {@code cleared}:
     * within {@code reopenWithin} of the clear, never before it.
     */
    public boolean continues(Instant cleared, Instant start) {
        Duration within = either(reopenWithin, DEFAULTS.reopenWithin);
        return !within.isZero() && !start.isBefore(cleared) && Duration.between(cleared, start).compareTo(within) <= 0;
    }

    /** Whether a maintenance in progress on a service keeps an open from creating an incident there. */
    public boolean skipsMaintenances() {
        return either(maintenance, DEFAULTS.maintenance) == MaintenancePolicy.SKIP;
    }
}
