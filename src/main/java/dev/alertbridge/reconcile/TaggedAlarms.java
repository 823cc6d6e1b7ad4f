package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.LinkTags;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.TagLink;

/**
 * Alarms' tag links where no event brings the tags (with {@code "tagLinks": true}): the reconciliation reads them
 * only for alarms in ALARM that no configured link matches, since only an open needs a link (a clear closes what its
 * alarm opened wherever it opened it) and a configured link already reaches the others; {@code explain} for the
 * alarms it lists. Tags are read with ListTagsForResource and kept for the configuration's TTL ({@link AlarmTags}).
 * Reads are bounded in number and time; what was not read is said in the notes, and a refused read stops the
 * reading (every other would be refused too).
 */
public final class TaggedAlarms {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.reconcile");
    /** One read may cost at most this. */
    private static final Duration READ_BOUND = Duration.ofSeconds(2);

    private final AlarmTags tags;
    private final int maxReads;

    /** @param maxReads a call per alarm: at most this many at a time (a storm of alarms must not eat the time) */
    public TaggedAlarms(AlarmTags tags, int maxReads) {
        this.tags = tags;
        this.maxReads = maxReads;
    }

    /**
     * The alarms a tag link reaches, the links with their tag links, and the escalation level each alarm's tags give
     * it (they were read anyway).
     */
    public record Found(List<AlarmState> alarms, AlertLinks links, Map<String, Integer> levels) {
        /** No alarm tagged: these links alone. */
        public static Found none(AlertLinks links) {
            return new Found(List.of(), links, Map.of());
        }
    }

    /**
     * @param alarms the alarms whose tags to read, in the order to read them
     * @param reserve time kept back for what comes after
     */
    public Found find(List<AlarmState> alarms, BridgeConfig config, AlertLinks links, Deadline deadline,
            Duration reserve, Instant now, List<String> notes) {
        List<AlarmState> found = new ArrayList<>();
        Map<String, Integer> levels = new LinkedHashMap<>();
        AlertLinks tagged = links;
        int read = 0;
        for (AlarmState alarm : alarms) {
            Duration left = deadline.remaining().minus(reserve);
            if (read == maxReads || left.isNegative() || left.isZero()) {
                notes.add("tags of " + (alarms.size() - read) + " alarms not read (at most " + maxReads + " are read "
                        + "at a time, within the time left): their tag links are left out");
                break;
            }
            Map<String, String> alarmTags;
            try {
                alarmTags = tags.of(alarm.arn(), left.compareTo(READ_BOUND) < 0 ? left : READ_BOUND, now);
            } catch (CloudWatchAlarmStates.AlarmStatesDeniedException e) {
                notes.add("alarm tags not read, so tag links are not reconciled: " + e.getMessage());
                break;
            } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
                notes.add(alarm.name() + ": tags not read, its tag link not reconciled: " + e.getMessage());
                read++;
                continue;
            }
            read++;
            Alert alert = alarm.asAlert().titled(alarm.name()).opens("", alarm.since())
                    .at(alarm.since() == null ? now : alarm.since());
            TagLink link = TagLink.declared(alert, LinkTags.of(AlertSource.CLOUDWATCH, alarmTags), config);
            link.skipped().forEach(skipped -> {
                LOG.warnf("tag link of %s: %s", alarm.name(), skipped.why());
                notes.add(alarm.name() + ": " + skipped.why());
            });
            if (link.link().isPresent()) {
                found.add(alarm);
                tagged = tagged.with(alert, link);
                levels.put(alarm.arn(), level(alarm, alarmTags, notes));
            }
        }
        return new Found(found, tagged, levels);
    }

    private static int level(AlarmState alarm, Map<String, String> tags, List<String> notes) {
        try {
            return CloudWatchAlarmStates.escalationLevel(tags);
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            notes.add(alarm.name() + ": counted as untagged (level 1): " + e.getMessage());
            return 1;
        }
    }
}
