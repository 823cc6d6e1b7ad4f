package dev.alertbridge.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the scheduled reconciliation does with what it finds: {@code report} it (the default) or {@code repair} it. */
public enum ReconcileMode {
    REPORT("report"),
    REPAIR("repair");

    private final String configName;

    ReconcileMode(String configName) {
        this.configName = configName;
    }

    @JsonValue
    public String configName() {
        return configName;
    }
}
