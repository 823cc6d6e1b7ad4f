package dev.alertbridge.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.LinkTags;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.TagLink;
import dev.alertbridge.reconcile.AlarmState;

/**
 * With {@code "tagLinks": true}, the links alarms' own tags declare, as the function derives them: each alarm
 * DescribeAlarms shows has its tags read (ListTagsForResource, at most {@value #MAX_READS} alarms), and the check
 * lists each tag link ({@code tag link: alarm checkout-5xx -> checkout, search (degraded-performance)}) and notes
 * every declared key that is not a configured service, and every invalid value, as the function skips them. A
 * refused read is a problem: the function reads the same tags for alarms whose events do not carry them.
 */
final class TagLinkNotes {
    /** A call per alarm: the check reads at most this many (it answers a person, now). */
    static final int MAX_READS = 50;

    private TagLinkNotes() {
    }

    static void of(BridgeConfig config, AlarmProbe probe, List<AlarmState> alarms,
            List<ConfigurationCheck.Problem> problems, List<String> notes) {
        List<String> links = new ArrayList<>();
        int read = 0;
        for (AlarmState alarm : alarms) {
            if (alarm.arn() == null) {
                continue;
            }
            if (read == MAX_READS) {
                notes.add("tags of " + (alarms.size() - read) + " more alarms were not read (the check reads at most "
                        + MAX_READS + "): their tag links are not listed");
                break;
            }
            read++;
            AlarmProbe.Seen seen = probe.tags(alarm.arn());
            if (seen instanceof AlarmProbe.Refused refused) {
                problems.add(ConfigurationCheck.Problem.outside("CloudWatch refused " + refused.permission()
                        + " (AccessDenied): with tagLinks the function reads the tags of alarms whose events do not "
                        + "carry them; grant it on this account's alarms (the template's ReadAlarmTags), or those "
                        + "alarms get no tag link"));
                return;
            }
            if (seen instanceof AlarmProbe.Unreadable unreadable) {
                notes.add("tags of alarm " + alarm.name() + " were not read: " + unreadable.why());
                continue;
            }
            Alert alert = alarm.asAlert().titled(alarm.name()).changesNothing("").at(Instant.EPOCH);
            TagLink tagLink = TagLink.declared(alert, LinkTags.of(AlertSource.CLOUDWATCH,
                    ((AlarmProbe.Tagged) seen).tags()), config);
            tagLink.link().ifPresent(link -> links.add(described(alarm, link)));
            tagLink.skipped().forEach(skipped -> notes.add("alarm " + alarm.name() + ": " + skipped.why()));
        }
        if (links.isEmpty()) {
            notes.add("tagLinks is on, and no alarm's tags (" + LinkTags.key(AlertSource.CLOUDWATCH, LinkTags.SERVICES)
                    + ") link it, of " + read + " read");
        }
        links.forEach(link -> notes.add("tag link: " + link));
    }

    private static String described(AlarmState alarm, ServiceLink link) {
        String group = link.policy().group() == null ? "" : ", group " + link.policy().group().configName();
        return "alarm " + alarm.name() + " -> " + link.services().stream().collect(Collectors.joining(", "))
                + " (" + link.status().wireName() + group + ")";
    }
}
