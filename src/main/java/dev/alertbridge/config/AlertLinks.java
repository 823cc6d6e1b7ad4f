package dev.alertbridge.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.Alert;

/**
 * The links an invocation applies: the configured links (or the ones the event embeds, which replace them) for every
 * alert, and each alert's own tag link ({@link TagLink}) for that alert only, kept by the alert's key (an alarm's
 * ARN, an Alertmanager alert's fingerprint), which every form of the alert keeps (a late event checked, a period's
 * start learnt).
 *
 * @param links configured or embedded, in document order
 * @param tagged each alert's tag link, by alert key
 */
public record AlertLinks(List<ServiceLink> links, Map<String, TagLink> tagged) {

    public AlertLinks {
        links = List.copyOf(links);
        tagged = Collections.unmodifiableMap(new LinkedHashMap<>(tagged));
    }

    /** These links for every alert, and no tag link. */
    public static AlertLinks of(List<ServiceLink> links) {
        return new AlertLinks(links, Map.of());
    }

    /** The same links, with this alert's tag link (what its tags declare). */
    public AlertLinks with(Alert alert, TagLink tag) {
        if (tag.link().isEmpty() && tag.skipped().isEmpty()) {
            return this;
        }
        Map<String, TagLink> more = new LinkedHashMap<>(tagged);
        more.put(alert.alertKey(), tag);
        return new AlertLinks(links, more);
    }

    /** The alert's links in {@link BridgeConfig#reachedBy}'s order of precedence: the links, then its tag link. */
    public List<ServiceLink> of(Alert alert) {
        TagLink tag = tagged.get(alert.alertKey());
        if (tag == null || tag.link().isEmpty()) {
            return links;
        }
        List<ServiceLink> all = new ArrayList<>(links);
        all.add(tag.link().get());
        return all;
    }

    /** What the alert's tags declared that was skipped, each with why. */
    public List<TagLink.Skipped> skipped(Alert alert) {
        TagLink tag = tagged.get(alert.alertKey());
        return tag == null ? List.of() : tag.skipped();
    }

    /** Every tag link, in the order they were added. */
    public List<ServiceLink> tagLinks() {
        return tagged.values().stream().flatMap(t -> t.link().stream()).toList();
    }
}
