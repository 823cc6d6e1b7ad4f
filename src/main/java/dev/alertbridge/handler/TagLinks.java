package dev.alertbridge.handler;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.AlarmArn;
import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.LinkTags;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.TagLink;
import dev.alertbridge.reconcile.AlarmTags;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;

/**
 * An alert's own tag link on the event paths, with {@code "tagLinks": true}: from its labels (Alertmanager, Grafana)
 * or the tags its event carries (CloudWatch, where the tags status says {@code SUCCESS}); otherwise an alarm's tags
 * are read with ListTagsForResource ({@link AlarmTags}, kept for the configuration's TTL). Only an open or a clear
 * needs links. A read that is refused or fails costs the alert its tag link, never the invocation: the configured
 * links apply, and the report says why. Without {@code tagLinks} nothing is read.
 */
@ApplicationScoped
public class TagLinks {
    private static final Logger LOG = Logger.getLogger(TagLinks.class);
    /** The tags are a courtesy to the alert, not a dependency: an unresponsive CloudWatch costs at most this. */
    private static final Duration LOOKUP_BOUND = Duration.ofSeconds(2);

    private final AlarmTags tags;
    private final BridgeSettings settings;

    public TagLinks(AlarmTags tags, BridgeSettings settings) {
        this.tags = tags;
        this.settings = settings;
    }

    /** The alert's tag link, and what the report should say when its tags could not be read (else null). */
    public record Found(TagLink link, String note) {
    }

    public Found of(Alert alert, BridgeConfig config, Deadline deadline, Instant now) {
        if (!config.tagLinks() || !alert.state().changesThePage()) {
            return new Found(TagLink.NONE, null);
        }
        if (alert.linkTags().known()) {
            return found(alert, alert.linkTags(), config);
        }
        if (settings.dryRun()) {
            return new Found(TagLink.NONE, "alarm tags not read (a dry run does not ask CloudWatch): no tag link");
        }
        if (AlarmArn.parse(alert.alertKey()).isEmpty()) {
            return new Found(TagLink.NONE, "alarm tags not read: the event names no alarm ARN, so no tag link");
        }
        try {
            return found(alert, LinkTags.of(AlertSource.CLOUDWATCH, tags.of(alert.alertKey(),
                    deadline.halfLeft(LOOKUP_BOUND), now)), config);
        } catch (CloudWatchAlarmStates.AlarmStatesDeniedException e) {
            // Permanent until the role is fixed: say what is missing, every time.
            LOG.errorf("tags of %s not read, its tag link not applied: %s", alert.monitor(), e.getMessage());
            return new Found(TagLink.NONE, "alarm tags not read, so no tag link (the configured links apply): "
                    + e.getMessage());
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            LOG.warnf("tags of %s not read, its tag link not applied: %s", alert.monitor(), e.getMessage());
            return new Found(TagLink.NONE, "alarm tags not read, so no tag link (the configured links apply): "
                    + e.getMessage());
        } catch (RuntimeException e) {
            // Anything else from the client (a malformed endpoint override, an unreadable answer): by its type.
            LOG.warnf("tags of %s not read, its tag link not applied: %s", alert.monitor(),
                    e.getClass().getSimpleName());
            return new Found(TagLink.NONE, "alarm tags not read, so no tag link (the configured links apply): "
                    + "unexpected " + e.getClass().getSimpleName());
        }
    }

    private static Found found(Alert alert, LinkTags declared, BridgeConfig config) {
        TagLink link = TagLink.declared(alert, declared, config);
        link.skipped().forEach(skipped -> LOG.warnf("tag link of %s %s: %s", alert.source().linkName(),
                alert.monitor(), skipped.why()));
        return new Found(link, null);
    }
}
