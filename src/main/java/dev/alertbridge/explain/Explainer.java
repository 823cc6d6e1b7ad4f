package dev.alertbridge.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.PrintableText;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.OwnStack;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.reconcile.AlarmTags;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.reconcile.TaggedAlarms;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.HubIncident;

/**
 * Answers <em>why is this service this colour</em>, read-only: StatusHub is read as an event reads it (its open
 * incidents, the maintenances in progress, and each service's latest incident no longer open, for what the page
 * shows), paced like any read; CloudWatch's alarms are listed when a link or an open incident can be an alarm's (to
 * name the alarms behind incidents, and find those held or kept quiet by a maintenance), or when alarms' tags may
 * link them ({@code "tagLinks": true}: then the tags of a few alarms, those in ALARM first, are read for their tag
 * links). What could not be read is said in the answer's notes. The function's invocation and the command from a
 * shell both ask through here.
 */
public final class Explainer {
    /** A key is a word or two: a longer one is cut in the error (a caller's text, repeated in the log). */
    private static final int MAX_KEY = 80;
    /** A call per alarm: explain reads at most this many alarms' tags (it answers a person, now). */
    private static final int MAX_TAG_READS = 20;
    /** Kept back from the tag reads for the answer. */
    private static final Duration TAG_READS_RESERVE = Duration.ofSeconds(3);
    private final String stack;
    private final QuietAlarms quiet;
    private final TaggedAlarms tagged;

    /**
     * @param stack the bridge's own stack, whose alarms never reach the page (blank for none)
     * @param tags where alarms' tags are read (only where alarms are)
     */
    public Explainer(String stack, AlarmTags tags) {
        this.stack = stack;
        this.quiet = new QuietAlarms(stack);
        this.tagged = new TaggedAlarms(tags, MAX_TAG_READS);
    }

    /** The error for a key the configuration does not have, naming those it has; nothing is read. */
    public static Optional<String> unknown(BridgeConfig config, String service) {
        if (service == null || config.services().containsKey(service)) {
            return Optional.empty();
        }
        return Optional.of("unknown service '" + PrintableText.excerpt(service, MAX_KEY)
                + "'; the configured services are "
                + (config.services().isEmpty() ? "none" : String.join(", ", config.services().keySet())));
    }

    /**
     * @param embedded links the rule embeds, when the caller gives them (none otherwise)
     * @param service the key to explain, or null for every service
     * @param cloudWatch where alarms are read, or empty when they must not be (a dry run)
     * @throws dev.alertbridge.statushub.StatusHubUnavailableException and the other StatusHub failures: nothing may
     *         be told from part of the hub
     */
    public Explanation explain(BridgeConfig config, List<ServiceLink> embedded, String service,
            StatusHubSession session, Optional<CloudWatchAlarmStates> cloudWatch, Deadline deadline, Instant now) {
        List<ServiceTarget> services = service == null ? List.copyOf(config.services().values())
                : List.of(config.services().get(service));
        List<ServiceLink> links = Stream.concat(config.links().stream(), embedded.stream()).toList();
        session.prepareToExplain(services);
        Collection<HubIncident> incidents = session.incidents();
        List<String> notes = new ArrayList<>();
        List<AlarmState> alarms = alarms(config.tagLinks(), links, incidents, cloudWatch, deadline, notes);
        AlertLinks tagLinks = config.tagLinks() ? tagLinks(config, links, alarms, deadline, now, notes)
                : AlertLinks.of(links);
        ServiceExplanation explained = new ServiceExplanation(new AlertNames(links, alarms));
        List<HubIncident> open = incidents.stream().filter(HubIncident::open).toList();
        List<Explanation.Service> answer = new ArrayList<>();
        for (ServiceTarget target : services) {
            answer.add(explained.of(target, session.shown(target), incidents, quiet.on(target, config, tagLinks,
                    alarms, open, session.maintenanceOn(target), now), config.links(), embedded,
                    tagLinks.tagLinks()));
        }
        return new Explanation(answer, notes);
    }

    /** The links with the tag links of the alarms listed, those in ALARM read first (the bridge's own never). */
    private AlertLinks tagLinks(BridgeConfig config, List<ServiceLink> links, List<AlarmState> alarms,
            Deadline deadline, Instant now, List<String> notes) {
        List<AlarmState> readable = alarms.stream()
                .filter(a -> a.arn() != null && !OwnStack.alarm(stack, a.name()))
                .sorted(Comparator.comparing(a -> !a.inAlarm())).toList();
        return tagged.find(readable, config, AlertLinks.of(links), deadline, TAG_READS_RESERVE, now, notes).links();
    }

    /** Every alarm, when an alarm can be behind a link or an open incident; none (and a note) when unreadable. */
    private static List<AlarmState> alarms(boolean tagLinks, List<ServiceLink> links,
            Collection<HubIncident> incidents, Optional<CloudWatchAlarmStates> cloudWatch, Deadline deadline,
            List<String> notes) {
        boolean alarmsMatter = tagLinks
                || links.stream().anyMatch(l -> l.source() == null || l.source() == AlertSource.CLOUDWATCH)
                || incidents.stream().filter(HubIncident::open).flatMap(i -> i.refs().stream())
                        .anyMatch(r -> r.source() == AlertSource.CLOUDWATCH);
        if (!alarmsMatter) {
            return List.of();
        }
        if (cloudWatch.isEmpty()) {
            notes.add("CloudWatch was not asked (dry run): alarms are not named and quiet alarms not listed");
            return List.of();
        }
        try {
            CloudWatchAlarmStates.Listing listing = cloudWatch.get().all(deadline.remaining());
            if (!listing.complete()) {
                notes.add("CloudWatch listed only the first " + listing.alarms().size() + " alarms: the others are "
                        + "not named and not listed as quiet");
            }
            return listing.alarms();
        } catch (CloudWatchAlarmStates.AlarmStatesUnavailableException e) {
            notes.add("CloudWatch alarms were not read, so alarms are not named and quiet alarms not listed: "
                    + e.getMessage());
            return List.of();
        }
    }
}
