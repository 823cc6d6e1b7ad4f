package dev.alertbridge.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.PagePolicy;
import dev.alertbridge.config.ReconcileMode;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.HubMaintenance;

/**
 * What the configuration check notes about the page policy, read from the policy the bridge itself applies where
 * each link reaches each service ({@link BridgeConfig#policyOf}): a {@code holdDown} on a webhook link does nothing; a
 * hold, or a maintenance, that only the reconciliation in {@code repair} mode can end; a hold reaching integration
 * URLs; two links on one service whose policies differ; what a maintenance in progress holds.
 */
final class PolicyNotes {
    private PolicyNotes() {
    }

    static List<String> of(BridgeConfig config) {
        List<String> notes = new ArrayList<>();
        if (config.reconcileMode() == ReconcileMode.REPORT && reachings(config).stream()
                .anyMatch(r -> hearsAlarms(r.link()) && r.policy().skipsMaintenances())) {
            notes.add("a CloudWatch alarm whose open a maintenance held back is opened only by the reconciliation in "
                    + "repair mode (alarms do not repeat); reconcile.mode is report, so it is only reported");
        }
        for (int i = 0; i < config.links().size(); i++) {
            ServiceLink link = config.links().get(i);
            if (link.policy().holdDown() != null && !hearsAlarms(link)) {
                notes.add("links[" + i + "] (" + link.source().linkName() + "): holdDown applies to CloudWatch alarms "
                        + "only; hold " + link.source().linkName() + " alerts back in the source itself");
            }
        }
        heldAlarms(config, notes);
        severalLinks(config, notes);
        return notes;
    }

    /** One link reaching one service, and the policy that applies there. */
    private record Reaching(int index, ServiceLink link, ServiceTarget service, PagePolicy policy) {
    }

    private static List<Reaching> reachings(BridgeConfig config) {
        List<Reaching> reachings = new ArrayList<>();
        for (int i = 0; i < config.links().size(); i++) {
            ServiceLink link = config.links().get(i);
            for (String id : link.services()) {
                ServiceTarget service = config.services().get(id);
                reachings.add(new Reaching(i, link, service, config.policyOf(link, service)));
            }
        }
        return reachings;
    }

    private static boolean hearsAlarms(ServiceLink link) {
        return link.source() == null || link.source() == AlertSource.CLOUDWATCH;
    }

    /**
     * What a {@code holdDown} on a CloudWatch link (its own, its services' or the configuration's) needs: the
     * reconciliation posts a held alarm, in {@code repair} mode only; an integration-URL service hears a held period
     * only from it.
     */
    private static void heldAlarms(BridgeConfig config, List<String> notes) {
        for (int i = 0; i < config.links().size(); i++) {
            ServiceLink link = config.links().get(i);
            if (!hearsAlarms(link)) {
                continue;
            }
            // The link's services by the hold they get and who set it; most links have one.
            Map<String, List<ServiceTarget>> byHold = new LinkedHashMap<>();
            for (String id : link.services()) {
                ServiceTarget service = config.services().get(id);
                Duration hold = config.policyOf(link, service).holdDownFor(AlertSource.CLOUDWATCH);
                if (!hold.isZero()) {
                    String setBy = link.policy().holdDown() != null ? ""
                            : service.policy().holdDown() != null ? " (its service's holdDown)"
                                    : " (the configuration's holdDown)";
                    byHold.computeIfAbsent(hold.toSeconds() + " s" + setBy, k -> new ArrayList<>()).add(service);
                }
            }
            String named = "links[" + i + "] (" + link.monitor() + ")";
            byHold.forEach((hold, services) -> {
                String held = named + " holds CloudWatch alarms back " + hold
                        + (services.size() == link.services().size() ? ""
                                : " on " + String.join(", ", services.stream().map(ServiceTarget::id).toList()));
                if (config.reconcileMode() == ReconcileMode.REPORT) {
                    notes.add(held + " but reconcile.mode is report: a held alarm is posted only by the "
                            + "reconciliation in repair mode, so its alarms are never posted");
                }
                List<String> hooks = services.stream().filter(s -> !s.viaManagementApi()).map(ServiceTarget::id)
                        .toList();
                if (!hooks.isEmpty()) {
                    notes.add(held + " and reaches integration-URL service(s) " + String.join(", ", hooks)
                            + ": a held period reaches them only from the reconciliation run after its hold ends "
                            + "(repair mode), never from the alarm's own events");
                }
            });
        }
    }

    /**
     * A service reached by two links that one alert can both match (no two different sources), whose policies differ:
     * that alert takes the first link's ({@link BridgeConfig#reachedBy}), which the team may not expect.
     */
    private static void severalLinks(BridgeConfig config, List<String> notes) {
        Map<String, List<Reaching>> byService = new LinkedHashMap<>();
        reachings(config).forEach(r -> byService.computeIfAbsent(r.service().id(), k -> new ArrayList<>()).add(r));
        byService.forEach((id, reaching) -> {
            Reaching first = reaching.get(0);
            List<String> differing = reaching.stream().skip(1)
                    .filter(r -> first.link().source() == null || r.link().source() == null
                            || first.link().source() == r.link().source())
                    .filter(r -> !r.link().policy().equals(first.link().policy()))
                    .map(r -> "links[" + r.index() + "]").toList();
            if (!differing.isEmpty()) {
                notes.add("service " + id + " is reached by links[" + first.index() + "] and "
                        + String.join(", ", differing) + ", whose policies differ: an alert they both match takes "
                        + "links[" + first.index() + "]'s policy (the first link's), with the worst of their statuses");
            }
        });
    }

    /** Which configured services a maintenance in progress holds, by which links, and which post anyway. */
    static String maintenance(BridgeConfig config, HubMaintenance maintenance) {
        List<String> held = new ArrayList<>();
        List<String> posts = new ArrayList<>();
        List<Reaching> reachings = reachings(config);
        for (ServiceTarget service : config.services().values()) {
            if (!service.viaManagementApi() || !maintenance.serviceIds().contains(service.serviceId())) {
                continue;
            }
            List<Reaching> naming = reachings.stream().filter(r -> r.service().id().equals(service.id())).toList();
            List<String> skipping = naming.stream().filter(r -> r.policy().skipsMaintenances())
                    .map(r -> "links[" + r.index() + "]").toList();
            if (naming.isEmpty() ? config.policyOf(service).skipsMaintenances()
                    : !skipping.isEmpty()) {
                held.add(service.id() + (skipping.isEmpty() ? "" : " (" + String.join(", ", skipping) + ")"));
            } else {
                posts.add(service.id());
            }
        }
        return "maintenance '" + maintenance.title() + "' in progress"
                + (maintenance.end() == null ? "" : " until " + maintenance.end())
                + ": holds " + (held.isEmpty() ? "no configured service" : String.join(", ", held))
                + (posts.isEmpty() ? "" : "; " + String.join(", ", posts) + " (maintenance: post) opens anyway");
    }
}
