package dev.alertbridge.config;

/** What an alert does on a service in a maintenance scheduled in StatusHub ({@code "maintenance"}). */
public enum MaintenancePolicy {
    /** Opens no incident there (the default): the team announced the work. */
    SKIP,
    /** Opens as if there were no maintenance. */
    POST
}
