package dev.alertbridge.config;

import java.util.Optional;

/**
 * What the whole configuration says of alerts themselves, beside their links: whether an alert's own tags or labels
 * may link it ({@code "tagLinks": true}) and which alert is the monitoring pipeline's heartbeat. Set on the whole
 * configuration only ({@link FieldTable}).
 *
 * @param tagLinks an alert's {@code statushub} tags (CloudWatch) or labels (Alertmanager, Grafana) add a link for it
 *        ({@link TagLink}); off, no tag is read for links
 * @param heartbeat the monitoring pipeline's always-firing alert, if the team names one: counted, never written
 */
public record AlertOptions(boolean tagLinks, Optional<Heartbeat> heartbeat) {
    /** No tag links, no heartbeat: the defaults. */
    public static final AlertOptions NONE = new AlertOptions(false, Optional.empty());

    public AlertOptions {
        heartbeat = heartbeat == null ? Optional.empty() : heartbeat;
    }
}
