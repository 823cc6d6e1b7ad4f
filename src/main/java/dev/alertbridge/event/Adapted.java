package dev.alertbridge.event;

import java.util.List;

import dev.alertbridge.alert.Alert;

/**
 * A payload's alerts: those the bridge can apply, and those it cannot, each named by its JSON path with the reason.
 * In a grouped webhook each alert stands alone, so one unusable alert never drops the others.
 */
public record Adapted(List<Alert> alerts, List<Unusable> unusable) {

    public Adapted {
        alerts = List.copyOf(alerts);
        unusable = List.copyOf(unusable);
    }

    /** One alert of a group that was skipped: where it is in the payload and what is wrong with it. */
    public record Unusable(String alert, String why) {
    }
}
