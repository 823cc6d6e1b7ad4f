package dev.alertbridge.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.reconcile.CloudWatchAlarmStates.AlarmStatesDeniedException;
import dev.alertbridge.reconcile.CloudWatchAlarmStates.AlarmStatesUnavailableException;

/**
 * Asks CloudWatch, read-only, what the configuration check needs: every alarm's name, read as late events and the
 * reconciliation read them (DescribeAlarms naming metric and composite alarms), so a grant AWS refuses composite
 * alarms to is found before an outage; and an alarm's tags, for the links they declare.
 */
public class AlarmProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** One alarm's tags are one quick call. */
    private static final Duration TAGS_TIMEOUT = Duration.ofSeconds(3);

    private final CloudWatchAlarmStates alarms;

    public AlarmProbe(CloudWatchAlarmStates alarms) {
        this.alarms = alarms;
    }

    /** What CloudWatch showed the check. */
    public sealed interface Seen permits Listed, Tagged, Refused, Unreadable {
    }

    /** One alarm's tags, key to value. */
    public record Tagged(Map<String, String> tags) implements Seen {
    }

    /** Every alarm (its name and ARN); {@code complete} false past the pages one read takes. */
    public record Listed(List<AlarmState> alarms, boolean complete) implements Seen {
    }

    /** AccessDenied: the permission, and the grant it needs. */
    public record Refused(String permission, String why) implements Seen {
    }

    /** No answer (unreachable, throttled, no credentials): nothing can be told. */
    public record Unreadable(String why) implements Seen {
    }

    public Seen alarms() {
        return asked(() -> {
            CloudWatchAlarmStates.Listing listing = alarms.all(TIMEOUT);
            return new Listed(listing.alarms(), listing.complete());
        });
    }

    /** The alarm's tags (ListTagsForResource), as the function reads them for an alarm's tag link. */
    public Seen tags(String arn) {
        return asked(() -> new Tagged(alarms.tags(arn, TAGS_TIMEOUT)));
    }

    private static Seen asked(Supplier<Seen> read) {
        try {
            return read.get();
        } catch (AlarmStatesDeniedException e) {
            return new Refused(e.permission(), e.getMessage());
        } catch (AlarmStatesUnavailableException e) {
            return new Unreadable(e.getMessage());
        } catch (RuntimeException e) {
            // Anything else from the client (no region, a malformed endpoint): the type only.
            return new Unreadable("unexpected " + e.getClass().getSimpleName());
        }
    }
}
