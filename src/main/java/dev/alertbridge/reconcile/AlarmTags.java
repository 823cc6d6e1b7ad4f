package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.alertbridge.config.BridgeSettings;

/**
 * Alarms' tags read with ListTagsForResource, for the tag links of alarms whose events do not carry them (alarm tag
 * propagation off, or its status not {@code SUCCESS}), kept per alarm ARN for the configuration's TTL: an alarm's
 * second event within it reads nothing, and a team's new tag is seen within the time a new link in Parameter Store
 * is. Only what was read is kept: a refused or failed read is tried again by the next event.
 */
@ApplicationScoped
public class AlarmTags {
    /** Alarms an environment keeps tags for; past that the least recently used are read again. */
    private static final int KEPT = 1000;

    private final CloudWatchAlarmStates alarms;
    private final Duration ttl;
    private final Map<String, Kept> kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT;
        }
    });

    private record Kept(Map<String, String> tags, Instant until) {
    }

    @Inject
    public AlarmTags(CloudWatchAlarmStates alarms, BridgeSettings settings) {
        this(alarms, settings.config().ttl());
    }

    public AlarmTags(CloudWatchAlarmStates alarms, Duration ttl) {
        this.alarms = alarms;
        this.ttl = ttl;
    }

    /**
     * The alarm's tags, as kept when read less than the TTL ago, else read now within {@code within}.
     *
     * @throws CloudWatchAlarmStates.AlarmStatesUnavailableException when they cannot be read (denied, throttled, out
     *         of time)
     */
    public Map<String, String> of(String arn, Duration within, Instant now) {
        Kept known = kept.get(arn);
        if (known != null && now.isBefore(known.until())) {
            return known.tags();
        }
        Map<String, String> tags = Map.copyOf(alarms.tags(arn, within));
        kept.put(arn, new Kept(tags, now.plus(ttl)));
        return tags;
    }
}
