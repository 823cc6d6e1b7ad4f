package dev.alertbridge.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.LinkTags;
import dev.alertbridge.alert.PrintableText;
import dev.alertbridge.alert.ServiceStatus;

/**
 * "Links on the alert itself" (../README "Configuration", with {@code "tagLinks": true}): the link an alert's own
 * tags or labels declare, one more link for that alert beside the configured (or embedded) ones, at every escalation
 * level. {@code statushub:services=checkout search} on a CloudWatch alarm links it to {@code checkout} and
 * {@code search} as {@code {"monitor": "<the alarm>", "services": ["checkout", "search"]}} would; its
 * {@code statushub:status} and {@code statushub:group} are the link's {@code status} and {@code group}. The
 * configuration's {@code services} stay the allow-list: a key it does not declare is skipped, and so is an invalid
 * status or group (the link then says none: its services go {@code down}, their group is their own); each is named
 * with why, and the alert's other keys and links still apply. Its policy is the service's and the configuration's,
 * as for any link that says none; where another link of the alert reaches the same service, that link comes first
 * ({@link BridgeConfig#reachedBy}).
 *
 * @param link the link, when at least one declared key is a configured service
 * @param skipped what was skipped, each named with why
 */
public record TagLink(Optional<ServiceLink> link, List<Skipped> skipped) {

    /** The alert declares no link. */
    public static final TagLink NONE = new TagLink(Optional.empty(), List.of());
    /** Keys are a word or two; a longer one is cut where it is named. */
    private static final int MAX_KEY = 80;

    public TagLink {
        skipped = List.copyOf(skipped);
    }

    /**
     * A tag or label value that was skipped.
     *
     * @param service the undeclared service key it names, or null for an invalid status or group
     * @param why what is wrong, naming the tag or label
     */
    public record Skipped(String service, String why) {
    }

    /** The link these tags (the alert's own, or read from CloudWatch) declare for the alert. */
    public static TagLink declared(Alert alert, LinkTags tags, BridgeConfig config) {
        if (!tags.declares()) {
            return NONE;
        }
        List<Skipped> skipped = new ArrayList<>();
        String servicesKey = LinkTags.key(alert.source(), LinkTags.SERVICES);
        String statusKey = LinkTags.key(alert.source(), LinkTags.STATUS);
        String groupKey = LinkTags.key(alert.source(), LinkTags.GROUP);
        Set<String> services = new LinkedHashSet<>();
        for (String key : tags.services() == null ? new String[0] : tags.services().trim().split("[\\s+,]+")) {
            if (key.isEmpty()) {
                continue;
            }
            if (config.services().containsKey(key)) {
                services.add(key);
            } else {
                skipped.add(new Skipped(excerpt(key), servicesKey + " names '" + excerpt(key) + "', which is not a "
                        + "service of this configuration (its services are the keys a tag may name): skipped"));
            }
        }
        ServiceStatus status = null;
        if (tags.status() != null) {
            status = ServiceStatus.fromWire(tags.status().trim()).filter(s -> s != ServiceStatus.UP).orElse(null);
            if (status == null) {
                skipped.add(new Skipped(null, statusKey + " '" + excerpt(tags.status()) + "' is not down or "
                        + "degraded-performance: skipped, so the tag link takes its services down"));
            }
        }
        Group group = null;
        if (tags.group() != null) {
            group = Group.of(tags.group().trim()).orElse(null);
            if (group == null) {
                skipped.add(new Skipped(null, groupKey + " '" + excerpt(tags.group()) + "' is not off, alert, service "
                        + "or a group name of lower-case letters, digits and -: skipped"));
            }
        }
        if (services.isEmpty()) {
            if (tags.services() == null || tags.services().isBlank()) {
                skipped.add(new Skipped(null, "no " + servicesKey + ": the alert's " + statusKey + " and " + groupKey
                        + " link nothing"));
            }
            return new TagLink(Optional.empty(), skipped);
        }
        return new TagLink(Optional.of(new ServiceLink(alert.monitor(), null, alert.source(), List.copyOf(services),
                status, WriteMode.LIVE, new PagePolicy(null, group, null, null, null))), skipped);
    }

    private static String excerpt(String text) {
        return PrintableText.excerpt(text, MAX_KEY);
    }
}
