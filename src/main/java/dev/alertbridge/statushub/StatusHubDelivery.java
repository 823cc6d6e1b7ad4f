package dev.alertbridge.statushub;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.Transition;

/** One way of reaching StatusHub services: the Management API, integration URLs, or a dry run of either. */
public interface StatusHubDelivery {

    /** What StatusHub shows of this alert's incidents (and others keeping the service down), by service id. */
    Map<String, Current> lookup(Alert alert, List<ServiceTarget> services, Deadline deadline, Instant now);

    /** Applies a {@link Transition.Create} or {@link Transition.MarkMonitoring}. */
    Delivered apply(Transition.Write write, Deadline deadline);
}
