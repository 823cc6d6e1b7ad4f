package dev.alertbridge.config;

import java.util.Optional;

/** What an alert does on a service in a maintenance scheduled in StatusHub ({@code "maintenance"}). */
public enum MaintenancePolicy {
    /** Opens no incident there (the default): the team announced the work. */
    SKIP,
    /** Opens as if there were no maintenance. */
    POST;

    /** The policy the configuration names ({@code skip} or {@code post}), if it names one. */
    static Optional<MaintenancePolicy> of(String name) {
        return DocumentFields.named(values(), name);
    }
}
