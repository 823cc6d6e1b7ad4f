package dev.alertbridge.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the bridge writes to StatusHub, for the whole configuration or one link: {@code live} writes,
 * {@code shadow} decides and reports what it would write, {@code off} writes nothing. The stricter one wins.
 */
public enum WriteMode {
    LIVE("live"),
    SHADOW("shadow"),
    OFF("off");

    private final String configName;

    WriteMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The stricter of two modes: {@code off} over {@code shadow} over {@code live}. */
    public WriteMode strictest(WriteMode other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Optional<WriteMode> fromConfig(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(wanted)).findFirst();
    }
}
