package dev.alertbridge.alert;

import java.util.Map;

/**
 * What an alert says of its own link ("Links on the alert itself"): a CloudWatch alarm's tags
 * {@code statushub:services}, {@code statushub:status}, {@code statushub:group}, an Alertmanager or Grafana alert's
 * labels {@code statushub_services}, {@code statushub_status}, {@code statushub_group}; their values as written
 * (null where absent), checked against the configuration only where the link is made. A CloudWatch event carries its
 * alarm's tags only when tag propagation is on and its status says {@code SUCCESS}; otherwise they are not known
 * here and must be read from CloudWatch (ListTagsForResource).
 *
 * @param services service keys, separated by spaces, {@code +} or commas, or null
 * @param status {@code down} or {@code degraded-performance}, or null
 * @param group a group, as the configuration's {@code group} takes it, or null
 * @param known whether the alert carried its tags (false: a CloudWatch alarm's tags must be read)
 */
public record LinkTags(String services, String status, String group, boolean known) {

    /** Says nothing of links: an Uptrends monitor, or an alert without these tags. */
    public static final LinkTags NONE = new LinkTags(null, null, null, true);
    /** A CloudWatch alarm whose event did not carry its tags (propagation off, or its status not SUCCESS). */
    public static final LinkTags UNKNOWN = new LinkTags(null, null, null, false);

    public static final String SERVICES = "services";
    public static final String STATUS = "status";
    public static final String GROUP = "group";

    /** The tags' or labels' values, by the names this source gives them. */
    public static LinkTags of(AlertSource source, Map<String, String> tags) {
        return new LinkTags(tags.get(key(source, SERVICES)), tags.get(key(source, STATUS)),
                tags.get(key(source, GROUP)), true);
    }

    /**
     * A tag's name for this source: {@code statushub:services} on an alarm (AWS tag keys allow {@code :}),
     * {@code statushub_services} as a label (Prometheus label names allow only letters, digits and {@code _}).
     */
    public static String key(AlertSource source, String field) {
        return (source == AlertSource.CLOUDWATCH ? "statushub:" : "statushub_") + field;
    }

    /** Whether the alert says anything of its link. */
    public boolean declares() {
        return services != null || status != null || group != null;
    }
}
